import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSettingsStore } from '../../../src/main/host/settings-store'
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc/settings'

describe('createSettingsStore', () => {
  let dir: string
  let file: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ringside-settings-'))
    file = join(dir, 'nested', 'settings.json')
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('starts with the defaults when there is no file, without a problem', () => {
    const store = createSettingsStore(file)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.problem).toBeUndefined()
  })

  it('persists updates to a 0600 file that the next start reads back', () => {
    const store = createSettingsStore(file)
    store.update({ theme: 'dark', startAtLogin: true })

    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    const reread = createSettingsStore(file)
    expect(reread.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', startAtLogin: true })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark' })
  })

  it('fills fields a newer default added from the defaults', () => {
    const store = createSettingsStore(file)
    store.update({ theme: 'light' })
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    delete saved['notifications']
    writeFileSync(file, JSON.stringify(saved))

    expect(createSettingsStore(file).get().notifications).toEqual(DEFAULT_SETTINGS.notifications)
  })

  it.each([
    ['not JSON', '{"theme": "dark",'],
    ['a wrong type', JSON.stringify({ theme: 'neon' })],
    ['a wrong nested type', JSON.stringify({ notifications: { enabled: 'yes' } })]
  ])('falls back to the defaults and says why when the file holds %s', (_what, content) => {
    createSettingsStore(file).update({ theme: 'dark' })
    writeFileSync(file, content)

    const store = createSettingsStore(file)

    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.problem).toMatch(/defaults/)
  })

  it('tells listeners the new and previous settings, until they unsubscribe', () => {
    const store = createSettingsStore(file)
    const listener = vi.fn()
    const off = store.onChange(listener)

    const next = store.update({ startAtLogin: true })
    off()
    store.update({ startAtLogin: false })

    expect(listener).toHaveBeenCalledExactlyOnceWith(next, DEFAULT_SETTINGS)
  })

  it('saves and tells every listener even when one throws, and reports the error', () => {
    const errors: unknown[] = []
    const store = createSettingsStore(file, { onListenerError: (e) => errors.push(e) })
    const boom = new Error('boom')
    const listener = vi.fn()
    store.onChange(() => {
      throw boom
    })
    store.onChange(listener)

    const next = store.update({ theme: 'dark' })

    expect(next.theme).toBe('dark')
    expect(createSettingsStore(file).get().theme).toBe('dark')
    expect(listener).toHaveBeenCalledExactlyOnceWith(next, DEFAULT_SETTINGS)
    expect(errors).toEqual([boom])
  })

  it('keeps settings in memory only when given no file', () => {
    const store = createSettingsStore()
    expect(store.update({ theme: 'dark' }).theme).toBe('dark')
  })
})
