/**
 * Rogue-renderer arguments (docs/security.md#rogue-renderer, docs/security.md#ipc-arguments): for
 * every channel, fuzzed argument lists that do not fit the contract are refused and never reach the
 * handler: `bad-arguments`, or `invalid-argument` naming the limit when a value of the right shape
 * is too big (the 10,000-character strings below). The invalid generators are written from the
 * contract's meaning, not from its codecs, so a codec that accepts too much fails here.
 */
import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { BrowserWindowMock, ipcMain, resetElectronMock } from '../../setup/electron-mock'
import type { Handlers } from '../../../src/main/host/dispatch'
import { registerIpcRouter } from '../../../src/main/electron/ipc-router'
import { isTrustedSender } from '../../../src/main/electron/sender'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/contract'

const APP_URL = 'app://ringside/index.html'
const RUNS = 200

/** A refusal: the wrong shape, or the right shape over a bound whose limit the message names. */
function expectRefused(result: unknown): void {
  expect(result).toMatchObject({ ok: false })
  const { code, message } = (result as { error: { code: string; message: string } }).error
  expect(['bad-arguments', 'invalid-argument']).toContain(code)
  if (code === 'invalid-argument') expect(message).toMatch(/: at most \d+ /)
}

type Kind = 'id' | 'url' | 'jwt' | 'ids' | 'patch' | 'report' | 'popupReport'

/** What each channel takes; a Record, so a new channel without an entry does not compile. */
const ARGS: Record<Channel, readonly Kind[]> = {
  'app:version': [],
  'app:open-external': ['url'],
  'sign-in:start-demo': [],
  'sign-in:open-browser': [],
  'sign-in:cancel': [],
  'sign-in:submit-jwt': ['jwt'],
  'sign-in:sign-out': [],
  'sign-in:set-server': ['url'],
  'state:get': [],
  'connection:retry-now': [],
  'calls:pick-up-parked': ['id', 'id'],
  'calls:answer': ['id', 'id'],
  'calls:hold': ['id', 'id'],
  'calls:unhold': ['id', 'id'],
  'calls:pick-up': ['id', 'id'],
  'phone:setup': [],
  'phone:report': ['report'],
  'devices:list': [],
  'directory:list': [],
  'lines:set-monitored': ['ids'],
  'settings:get': [],
  'settings:status': [],
  'settings:update': ['patch'],
  'diagnostics:get': [],
  'diagnostics:export': [],
  'popup:report': ['popupReport']
}

const LONG = 'a'.repeat(10_000)
/** JSON.parse keeps `__proto__` as an own key, which is how a transport would deliver it. */
const protoObject = (json: string): unknown => JSON.parse(json) as unknown

const hostileStrings = fc.constantFrom(
  '../',
  '../../etc/passwd',
  '%2e%2e/%2e%2e',
  'javascript:alert(1)',
  '<img src=x onerror=alert(1)>',
  '\u202egnp.exe',
  'a\u0000b',
  '',
  '..',
  LONG,
  'https://evil.example/?q=1',
  'x y'
)
const nonString = fc.oneof(
  fc.jsonValue().filter((v) => typeof v !== 'string'),
  fc.constant(protoObject('{"__proto__":{"polluted":true}}'))
)
const nonRecord = fc
  .jsonValue()
  .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))

// An id with at least one character the contract forbids (path, query, space, control, quote).
const badId = fc.oneof(
  nonString,
  hostileStrings,
  fc
    .tuple(
      fc.string(),
      fc.constantFrom('/', '?', ' ', '\u0000', '%', '\\', '"', "'", '<'),
      fc.string()
    )
    .map((p) => p.join('')),
  fc.string({ minLength: 129, maxLength: 400 })
)
const badUrl = fc.oneof(
  nonString,
  fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    '../../etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.com/x',
    'smb://host/share',
    'https://user:pw@evil.example/',
    `https://example.com/${LONG}`,
    '',
    LONG,
    '\u202ehttps://example.com'
  ),
  // No colon: cannot be an absolute URL at all.
  fc.string().map((s) => s.replace(/:/g, ''))
)
const badJwt = fc.oneof(
  nonRecord,
  fc.constant(protoObject('{"__proto__":{"jwt":"a","clientId":"b"}}')),
  fc.record({ jwt: nonString, clientId: fc.string() }),
  fc.record({ jwt: fc.string(), clientId: nonString }),
  fc.record({ jwt: fc.string(), clientId: fc.string(), clientSecret: nonString }),
  fc.record({ clientId: fc.string() })
)
const badIds = fc.oneof(
  nonRecord.filter((v) => !Array.isArray(v)),
  fc.record({ 0: fc.string() }),
  fc
    .tuple(fc.array(fc.constant('201')), badId, fc.array(fc.constant('202')))
    .map(([a, bad, b]) => [...a, bad, ...b])
)
const badPatch = fc.oneof(
  nonRecord,
  fc.constantFrom<unknown>(
    { startAtLogin: 'yes' },
    { theme: 'neon' },
    { server: 42 },
    { preferredDeviceId: 7 },
    { subscription: null },
    { notifications: { enabled: 'sometimes' } },
    { notifications: { lines: '../all' } },
    protoObject('{"__proto__":{"startAtLogin":true},"theme":"javascript:alert(1)"}')
  )
)
const BAD: Record<Kind, fc.Arbitrary<unknown>> = {
  id: badId,
  url: badUrl,
  jwt: badJwt,
  ids: badIds,
  patch: badPatch,
  report: fc.oneof(
    nonString,
    fc.constant({ registered: 'yes' }),
    fc.constant({}),
    fc.constant({ registered: 1 })
  ),
  popupReport: fc.oneof(
    nonString,
    fc.constantFrom(
      { entries: -1, clicked: false },
      { entries: 6, clicked: false },
      { entries: 1.5, clicked: false },
      { entries: Number.NaN, clicked: true },
      { entries: '1', clicked: false },
      { entries: 1, clicked: 'yes' },
      { entries: 1 }
    )
  )
}
const GOOD: Record<Kind, fc.Arbitrary<unknown>> = {
  id: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
  url: fc.constant('https://help.ringcentral.com/'),
  jwt: fc.constant({ jwt: 'j', clientId: 'c' }),
  ids: fc.array(fc.constant('201'), { maxLength: 3 }),
  patch: fc.constant({}),
  report: fc.boolean().map((registered) => ({ registered })),
  popupReport: fc.record({ entries: fc.integer({ min: 0, max: 5 }), clicked: fc.boolean() })
}
const anyValue = fc.oneof(fc.jsonValue(), hostileStrings, nonString)

/**
 * Argument lists that do not fit `kinds`: random values of the wrong count, valid arguments with
 * extras after them or the last ones missing (io-ts tuples alone would drop extras), or one position
 * made invalid.
 */
function invalidArgs(kinds: readonly Kind[]): fc.Arbitrary<unknown[]> {
  const valid = fc.tuple(...kinds.map((k) => GOOD[k]))
  const wrongArity = fc.oneof(
    fc.array(anyValue, { maxLength: kinds.length + 3 }).filter((a) => a.length !== kinds.length),
    fc
      .tuple(valid, fc.array(anyValue, { minLength: 1, maxLength: 3 }))
      .map(([args, extra]) => [...args, ...extra]),
    ...(kinds.length === 0
      ? []
      : [fc.tuple(valid, fc.nat(kinds.length - 1)).map(([args, keep]) => args.slice(0, keep))])
  )
  if (kinds.length === 0) return wrongArity
  const onePositionBad = fc
    .tuple(fc.nat(kinds.length - 1), ...kinds.map((k) => GOOD[k]), ...kinds.map((k) => BAD[k]))
    .map(([at, ...values]) =>
      kinds.map((_k, i) => (i === at ? values[kinds.length + i] : values[i]))
    )
  return fc.oneof(wrongArity, onePositionBad)
}

function setup(): { spies: Record<Channel, ReturnType<typeof vi.fn>>; event: IpcMainInvokeEvent } {
  const spies = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(() => null)])) as Record<
    Channel,
    ReturnType<typeof vi.fn>
  >
  const window = new BrowserWindowMock()
  window.webContents.mainFrame.url = APP_URL
  registerIpcRouter({
    ipcMain,
    handlers: spies as unknown as Handlers,
    isTrusted: (event) => isTrustedSender(event, APP_URL),
    log: () => undefined
  })
  const event = {
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame
  } as unknown as IpcMainInvokeEvent
  return { spies, event }
}

describe.each(CHANNELS)('%s with fuzzed arguments', (channel) => {
  beforeEach(() => {
    resetElectronMock()
  })

  it(`refuses and never calls the handler (${RUNS} runs)`, async () => {
    const { spies, event } = setup()
    await fc.assert(
      fc.asyncProperty(invalidArgs(ARGS[channel]), async (args) => {
        expectRefused(await ipcMain.invoke(channel, event, ...args))
      }),
      { numRuns: RUNS }
    )
    expect(spies[channel]).not.toHaveBeenCalled()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('never throws and never fails as `internal` for any JSON argument list', async () => {
    const { spies, event } = setup()
    await fc.assert(
      fc.asyncProperty(fc.array(anyValue, { maxLength: 4 }), async (args) => {
        spies[channel].mockClear()
        const result = (await ipcMain.invoke(channel, event, ...args)) as {
          ok: boolean
          error?: { code: string }
        }
        if (result.ok) expect(spies[channel]).toHaveBeenCalledTimes(1)
        else {
          expectRefused(result)
          expect(spies[channel]).not.toHaveBeenCalled()
        }
      }),
      { numRuns: RUNS }
    )
  })
})

describe('settings:update', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('drops a __proto__ key instead of passing it on', async () => {
    const { spies, event } = setup()

    const result = await ipcMain.invoke(
      'settings:update',
      event,
      JSON.parse('{"__proto__":{"startAtLogin":true},"theme":"dark"}')
    )

    expect(result).toEqual({ ok: true, value: null })
    const [patch] = spies['settings:update'].mock.calls[0] ?? []
    expect(patch).toEqual({ theme: 'dark' })
    expect(Object.keys(patch as object)).toEqual(['theme'])
    expect(({} as { startAtLogin?: unknown }).startAtLogin).toBeUndefined()
  })
})
