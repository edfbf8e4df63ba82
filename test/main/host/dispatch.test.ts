import { describe, expect, it, vi } from 'vitest'
import { dispatch, type Handlers } from '../../../src/main/host/dispatch'
import { createHandlers } from '../../../src/main/host/handlers'
import { createSettingsStore } from '../../../src/main/host/settings-store'
import { parseServerUrl } from '../../../src/main/core/auth'
import type { Core } from '../../../src/main/core/core'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/contract'

const spies = (): Record<Channel, ReturnType<typeof vi.fn>> =>
  Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(() => null)])) as Record<
    Channel,
    ReturnType<typeof vi.fn>
  >

describe('dispatch', () => {
  it.each(['evil:exec', '__proto__', 'constructor', 'toString', 42, null])(
    'refuses the unknown channel %j',
    async (channel) => {
      const handlers = spies()
      await expect(dispatch(handlers as unknown as Handlers, channel, [])).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' }
      })
    }
  )

  it.each([undefined, null, 's-1', { 0: 's-1', 1: 'p-1', length: 2 }])(
    'refuses arguments that are not a list: %j',
    async (args) => {
      const handlers = spies()
      const result = await dispatch(handlers as unknown as Handlers, 'calls:answer', args)
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-arguments' } })
      expect(handlers['calls:answer']).not.toHaveBeenCalled()
    }
  )

  it('refuses surplus arguments, which io-ts tuples would silently drop', async () => {
    const handlers = spies()
    const result = await dispatch(handlers as unknown as Handlers, 'calls:answer', [
      's-1',
      'p-1',
      'extra'
    ])
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad-arguments', message: 'calls:answer: expected 2 argument(s), got 3' }
    })
  })

  it('refuses a BigInt, which Electron IPC carries and JSON cannot, with bad-arguments', async () => {
    const handlers = spies()
    const result = await dispatch(handlers as unknown as Handlers, 'calls:hold', [10n, 'p-1'])
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad-arguments', message: 'calls:hold: [0]: expected RcId, got 10n' }
    })
    expect(handlers['calls:hold']).not.toHaveBeenCalled()
  })

  it('maps an undefined result to null, so the reply survives JSON transports', async () => {
    const handlers = spies()
    handlers['sign-in:sign-out'].mockReturnValue(undefined)
    await expect(
      dispatch(handlers as unknown as Handlers, 'sign-in:sign-out', [])
    ).resolves.toEqual({ ok: true, value: null })
  })
})

describe('settings:update', () => {
  function setup(): { handlers: Handlers; settings: ReturnType<typeof createSettingsStore> } {
    let server = 'https://platform.ringcentral.com'
    const core = {
      auth: {
        get server() {
          return server
        },
        setServer: (url: string) => {
          server = parseServerUrl(url)
        }
      },
      devices: { setPreferred: vi.fn() },
      setSubscriptionSettings: vi.fn(async () => undefined)
    } as unknown as Core
    const settings = createSettingsStore()
    const handlers = createHandlers({
      core,
      settings,
      appVersion: '1',
      openExternal: async () => undefined
    })
    return { handlers, settings }
  }

  it('validates a new server like sign-in:set-server and stores it normalised', async () => {
    const { handlers, settings } = setup()

    const result = await dispatch(handlers, 'settings:update', [
      { server: 'https://platform.devtest.ringcentral.com/' }
    ])

    expect(result).toMatchObject({ ok: true })
    expect(settings.get().server).toBe('https://platform.devtest.ringcentral.com')
  })

  it.each(['javascript:alert(1)', 'http://evil.example', 'https://x.example/path?q=1', '../'])(
    'refuses the server %j and keeps the settings as they were',
    async (server) => {
      const { handlers, settings } = setup()
      const before = settings.get()

      const result = await dispatch(handlers, 'settings:update', [{ server, theme: 'dark' }])

      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-server' } })
      expect(settings.get()).toBe(before)
    }
  )
})
