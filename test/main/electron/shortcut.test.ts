import { beforeEach, describe, expect, it, vi } from 'vitest'
import { globalShortcut, resetElectronMock } from '../../setup/electron-mock'
import { createSettingsStore } from '../../../src/main/host/settings-store'
import { followGlobalShortcut, SHORTCUT_TAKEN } from '../../../src/main/electron/shortcut'
import { newestTakeable } from '../../../src/main/host/takeable'
import { ringing } from '../fakes/core'

describe('the global pickup shortcut', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('registers the configured accelerator and picks up on a press', () => {
    const settings = createSettingsStore()
    const pickUpNewest = vi.fn(async () => true)
    const stop = followGlobalShortcut({ globalShortcut, settings, pickUpNewest, log: vi.fn() })

    globalShortcut.press('CommandOrControl+Alt+P')
    expect(pickUpNewest).toHaveBeenCalledTimes(1)

    settings.update({ globalShortcut: 'CommandOrControl+Shift+K' })
    expect(globalShortcut.isRegistered('CommandOrControl+Alt+P')).toBe(false)
    globalShortcut.press('CommandOrControl+Shift+K')
    expect(pickUpNewest).toHaveBeenCalledTimes(2)

    settings.update({ globalShortcut: null })
    expect(globalShortcut.shortcuts.size).toBe(0)
    settings.update({ globalShortcut: 'F9' })
    stop()
    expect(globalShortcut.shortcuts.size).toBe(0)
  })

  it('reports a taken accelerator once and never throws', () => {
    globalShortcut.taken.add('CommandOrControl+Alt+P')
    const log = vi.fn()
    followGlobalShortcut({
      globalShortcut,
      settings: createSettingsStore(),
      pickUpNewest: async () => true,
      log
    })
    expect(log).toHaveBeenCalledExactlyOnceWith(
      '[shortcut] the pickup shortcut is not available; choose another in Settings'
    )
  })
})

describe('the shortcut status the settings screen shows', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('reports registered, taken by another app, and off', () => {
    globalShortcut.taken.add('CommandOrControl+Shift+K')
    const settings = createSettingsStore()
    const onStatus = vi.fn()
    const stop = followGlobalShortcut({
      globalShortcut,
      settings,
      pickUpNewest: async () => true,
      log: vi.fn(),
      onStatus
    })
    expect(onStatus).toHaveBeenLastCalledWith({
      state: 'registered',
      accelerator: 'CommandOrControl+Alt+P'
    })
    settings.update({ globalShortcut: 'CommandOrControl+Shift+K' })
    expect(onStatus).toHaveBeenLastCalledWith({
      state: 'unavailable',
      accelerator: 'CommandOrControl+Shift+K',
      reason: SHORTCUT_TAKEN
    })
    settings.update({ globalShortcut: null })
    expect(onStatus).toHaveBeenLastCalledWith({ state: 'off' })
    stop()
  })
})

describe('newestTakeable', () => {
  it('picks the newest ringing or held call that can be acted on', () => {
    const old = ringing({ telephonySessionId: 's-old', startTime: '2026-01-01T10:00:00Z' })
    const fresh = ringing({ telephonySessionId: 's-new', startTime: '2026-01-01T10:05:00Z' })
    const held = { ...ringing({ telephonySessionId: 's-held', startTime: '2026-01-01T10:03:00Z' }) }
    const blocked = ringing({
      telephonySessionId: 's-blocked',
      startTime: '2026-01-01T11:00:00Z',
      canPickUp: false
    })
    const snapshot = { ringingLines: [old, fresh, blocked], heldCalls: [held] }
    expect(newestTakeable(snapshot)?.telephonySessionId).toBe('s-new')
    expect(newestTakeable({ ringingLines: [old], heldCalls: [held] })?.telephonySessionId).toBe(
      's-held'
    )
    expect(newestTakeable({ ringingLines: [], heldCalls: [] })).toBeUndefined()
    // Listed without pickUpCallsOnHold, but never the shortcut's target.
    const heldDenied = ringing({
      telephonySessionId: 's-held-denied',
      startTime: '2026-01-01T12:00:00Z',
      canPickUp: false
    })
    expect(
      newestTakeable({ ringingLines: [old], heldCalls: [heldDenied] })?.telephonySessionId
    ).toBe('s-old')
  })
})
