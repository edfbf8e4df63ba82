/**
 * What a rogue or broken renderer can send (docs/security.md#rogue-renderer), for the fuzz of the
 * real handlers behind both transports: truncated JSON, huge strings, deep nesting, wrong types,
 * `__proto__` and `constructor` keys, unknown channels, NaN and the other values JSON cannot hold.
 * Sizes are bounded so 10 000 frames take seconds, and stay under the bridge's frame cap.
 *
 * None of the calls is allowed to act: a call that would decode for a channel with an effect
 * (sign-in and sign-out, the server, settings, monitored lines, opening a page) is filtered out,
 * so "the state is unchanged" means the handlers refused or only read. Read-only calls that decode
 * stay in, so the real handlers run behind them.
 */
import fc from 'fast-check'
import { type Either, isRight } from 'fp-ts/lib/Either'
import type { Core } from '../../src/main/core/core'
import { CHANNELS, type Channel, contract } from '../../src/shared/ipc/contract'

/** Channels whose valid calls change something; the fuzz sends them only what must be refused. */
export const ACTING_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'app:open-external',
  'sign-in:start-demo',
  'sign-in:open-browser',
  'sign-in:cancel',
  'sign-in:submit-jwt',
  'sign-in:sign-out',
  'sign-in:set-server',
  'lines:set-monitored',
  'settings:update'
])

/** Whether the contract would accept `args` for `channel` (dispatch also checks the count). */
export function decodes(channel: unknown, args: unknown): boolean {
  if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(contract, channel))
    return false
  if (!Array.isArray(args)) return false
  try {
    const codec: { decode(u: unknown): Either<unknown, unknown> } =
      contract[channel as Channel].args
    return isRight(codec.decode(args))
  } catch {
    return false
  }
}

const acts = (channel: unknown, args: unknown): boolean =>
  ACTING_CHANNELS.has(channel as Channel) && decodes(channel, args)

/** Each about 10 KB as UTF-8, so four in one frame stay under a 64 KB frame cap. */
const HUGE = ['h'.repeat(10_000), 'é'.repeat(5_000), '\u202e'.repeat(3_000), '<'.repeat(10_000)]

const nested = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value]
  return value
}

/** JSON.parse keeps these as own keys, which is how the bridge hands them to dispatch. */
const PROTO_OBJECTS = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":{"jwt":"a","clientId":"b"},"theme":"dark"}',
  '{"notifications":{"__proto__":{"enabled":false}}}'
].map((json) => JSON.parse(json) as unknown)

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '../../etc/passwd',
    'javascript:alert(1)',
    '<img src=x onerror=alert(1)>',
    'a\u0000b',
    '__proto__',
    'constructor',
    's-1/../../x',
    'https://evil.example/',
    '\ud800'
  ),
  fc.constantFrom(...HUGE)
)

/** A JSON value that is wrong for every parameter: mistyped, huge, deep, or a prototype trap. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_OBJECTS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean())
      .map(([depth, asObject]) => nested(depth, 'x', asObject))
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      { jwt: 1, clientId: [] },
      { records: 'all' },
      { server: { href: 'https://platform.ringcentral.com' } },
      [null, null],
      -0,
      Number.MAX_SAFE_INTEGER + 2,
      1e308
    )
  }
)

/** What structured clone carries over Electron IPC and JSON cannot. */
const cloneOnly: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  undefined,
  10n ** 30n,
  new Date(Number.NaN),
  new Map([['__proto__', { polluted: true }]]),
  new Set(['s-1']),
  new Uint8Array(64),
  // A sparse array: holes, which structured clone keeps and JSON turns into nulls.
  Object.assign(new Array<unknown>(3), { 2: 'sparse' }),
  /x/g
)

const channel: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<string>(...CHANNELS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'state:get ',
      'STATE:GET',
      'calls:hold/../sign-out',
      '',
      42,
      null,
      ['state:get'],
      { channel: 'state:get' }
    )
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }
)

const argList = (value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.array(value, { maxLength: 4 }) },
    { weight: 1, arbitrary: value },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, {}, 'args', 3) }
  )

export interface HostileCall {
  readonly channel: unknown
  readonly args: unknown
}

/** A call as the bridge's JSON carries it; never one that would act. */
export const hostileCall: fc.Arbitrary<HostileCall> = fc
  .record({ channel, args: argList(hostileJson) })
  .filter(({ channel: c, args }) => !acts(c, args))

/** A call as Electron IPC carries it: a channel string and a list of cloneable values. */
export const hostileIpcCall: fc.Arbitrary<{ channel: string; args: unknown[] }> = fc
  .record({
    channel: channel.map((c) => (typeof c === 'string' ? c : String(c))),
    args: fc.array(fc.oneof(hostileJson, cloneOnly), { maxLength: 4 })
  })
  .filter(({ channel: c, args }) => !acts(c, args))

const requestId: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(-1, 1.5, '', 'x'.repeat(65), null, {}, true) }
)

/**
 * One text frame for the bridge: a well-formed request with hostile content, the same request cut
 * short or spoiled with a NaN, a second hello, or text that is not an object at all.
 */
export const hostileFrameText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(requestId, hostileCall)
      .map(([id, call]) => JSON.stringify({ id, channel: call.channel, args: call.args }) ?? '')
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), hostileCall, fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([id, call, at]) => {
        const text = JSON.stringify({ id, channel: call.channel, args: call.args }) ?? ''
        return text.slice(0, Math.floor(text.length * at))
      })
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '0x10'))
      .map(([id, bad]) => `{"id":${id},"channel":"state:get","args":[${bad}]}`)
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"type":"hello","secret":"guess"}',
      '{"type":"hello"}',
      '[]',
      'null',
      '"state:get"',
      '',
      '{',
      '['.repeat(5_000),
      `${'['.repeat(3_000)}${']'.repeat(3_000)}`,
      `{"id":1,"channel":"state:get","args":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`,
      '{"id":1,"id":2,"channel":"state:get","args":[]}'
    )
  }
)

/**
 * Runs `work` while counting what reaches `unhandledRejection` and `uncaughtException` in this
 * process, so a fuzz can say "none" rather than leave it to the test runner's own report.
 */
export async function watchFaults<T>(
  work: () => Promise<T>
): Promise<{ value: T; faults: unknown[] }> {
  const faults: unknown[] = []
  const onFault = (error: unknown): void => void faults.push(error)
  process.on('unhandledRejection', onFault)
  process.on('uncaughtException', onFault)
  try {
    return { value: await work(), faults }
  } finally {
    process.off('unhandledRejection', onFault)
    process.off('uncaughtException', onFault)
  }
}

/** The smoke scenario settled: two lines ringing, a held call, a parked call, readback applied. */
export const smokeSettled = (core: Core): boolean => {
  const s = core.snapshot()
  const status = core.status()
  return (
    s.ringingLines.length === 2 &&
    s.heldCalls.length === 1 &&
    s.parkedCalls.length === 1 &&
    status.connection.status === 'live' &&
    !status.resync.running &&
    status.resync.at !== null
  )
}
