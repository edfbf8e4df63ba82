/**
 * The compiled decode must return exactly what the io-ts-only decode returns, for valid and invalid
 * notifications alike: the same values (keys, order, undefined-ness), the same error strings and the
 * same warning lists. io-ts is the definition; the compiled checks are only allowed to be faster.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeNotification,
  decodeNotificationByIoTs,
  type DecodeResult
} from '../../../src/shared/events'
import { detailedPresenceSipBody, leaves, setLeaf, telephonySessionBody } from './arbitraries'

const A = '/restapi/v1.0/account/37439510'
const presenceBody = fc.record(
  {
    extensionId: fc.oneof(fc.constant('297277020'), fc.constant('297277031'), fc.nat()),
    telephonyStatus: fc.constantFrom('NoCall', 'Ringing', 'OnHold'),
    sequence: fc.nat(),
    presenceStatus: fc.constantFrom('Busy', 'Available'),
    message: fc.string()
  },
  { requiredKeys: ['extensionId'] }
)
const bodies: ReadonlyArray<readonly [string, fc.Arbitrary<unknown>]> = [
  [`${A}/extension/297277031/telephony/sessions?sipData=true`, telephonySessionBody],
  [`${A}/telephony/sessions`, telephonySessionBody],
  [
    `${A}/extension/297277020/presence/line/presence?detailedTelephonyState=true&sipData=true`,
    detailedPresenceSipBody
  ],
  [`${A}/extension/297277020/presence?detailedTelephonyState=true`, detailedPresenceSipBody],
  [`${A}/extension/297277020/presence`, presenceBody],
  [`${A}/extension/297277044/presence`, presenceBody],
  [
    `${A}/extension/297277020/presence/line`,
    fc.constant({ extension: [{ id: 297277031 }], sequence: 3 })
  ],
  [`${A}/extension/297277020/favorite`, fc.constant({ extensionId: '297277020' })],
  [`${A}/extension/297277020/not-a-resource`, presenceBody]
]

const envelope = fc.constantFrom(...bodies).chain(([event, body]) =>
  fc.record(
    {
      uuid: fc.oneof(fc.constant('6401130007461871000'), fc.nat()),
      event: fc.constant(event),
      timestamp: fc.constantFrom(
        '2026-11-21T09:30:00.000Z',
        '2026-11-21T09:30:00.000+0000',
        '2026-11-21T09:30:00+00:00'
      ),
      subscriptionId: fc.constant('dfbca25e-4e2b-4c60-aa8d-47a83716fe23'),
      ownerId: fc.oneof(fc.constant('297277020'), fc.constant(297277020)),
      body
    },
    { requiredKeys: ['uuid', 'event', 'timestamp', 'body'] }
  )
)

type Mutation = (n: unknown, at: { path: string; value: unknown }, extra: unknown) => unknown
/** Ways to break or stretch a notification, each applied at a generated leaf. */
const MUTATIONS: Readonly<Record<string, Mutation>> = {
  none: (n) => n,
  wrongType: (n, at) => setLeaf(n, at.path, typeof at.value === 'boolean' ? 'yes' : true),
  // On an enum leaf this is an unknown member (a warning); on a timestamp, an invalid one.
  otherString: (n, at) => setLeaf(n, at.path, 'SomethingNew'),
  anyJson: (n, at, extra) => setLeaf(n, at.path, extra),
  missing: (n, at) => setLeaf(n, at.path, undefined),
  deleted: (n, at) => deleteLeaf(n, at.path),
  extraField: (n, at, extra) => setLeaf(n, at.path.replace(/[^.[\]]+$/, 'notInTheCodec'), extra),
  nested: (n, at, extra) => setLeaf(n, at.path, { deeper: [extra, { deeper: [extra] }] }),
  // JSON.parse makes an own "__proto__" key; both paths must treat it the same way.
  protoKey: (n) => ({ ...JSON.parse('{"__proto__": {"polluted": true}}'), ...(n as object) })
}

function deleteLeaf(v: unknown, path: string): unknown {
  const copy = structuredClone(v) as Record<string, unknown>
  const keys = path.match(/[^.[\]]+/g) ?? []
  let node = copy
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>
  delete node[keys[keys.length - 1]!]
  return copy
}

const mutated = envelope.chain((n) =>
  fc
    .record({
      at: fc.constantFrom(...leaves(n)),
      mutation: fc.constantFrom(...Object.keys(MUTATIONS)),
      extra: fc.jsonValue({ maxDepth: 3 })
    })
    .map(({ at, mutation, extra }) => ({ mutation, input: MUTATIONS[mutation]!(n, at, extra) }))
)

/** Equal results, and values with the same keys in the same order (what an export would write). */
function expectSame(fast: DecodeResult, reference: DecodeResult): void {
  expect(fast).toStrictEqual(reference)
  if (fast.ok && reference.ok) {
    expect(JSON.stringify(fast.value)).toBe(JSON.stringify(reference.value))
  }
}

describe('the compiled decode agrees with the io-ts decode', () => {
  it('on generated valid and broken notifications (values, errors and warnings)', () => {
    const seen = new Map<string, number>()
    let ok = 0
    fc.assert(
      fc.property(mutated, ({ mutation, input }) => {
        seen.set(mutation, (seen.get(mutation) ?? 0) + 1)
        const before = structuredClone(input)
        const reference = decodeNotificationByIoTs(input)
        const fast = decodeNotification(input)
        expectSame(fast, reference)
        // Neither path writes into its input (structuredClone drops null prototypes: toEqual).
        expect(input).toEqual(before)
        if (reference.ok) ok++
      }),
      { numRuns: 1500 }
    )
    // The generator must really cover both sides and every mutation.
    expect([...seen.keys()].sort()).toEqual(Object.keys(MUTATIONS).sort())
    expect(ok).toBeGreaterThan(300)
    expect(ok).toBeLessThan(1300)
  })

  it('on values that are not notifications at all', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (u) => {
        expectSame(decodeNotification(u), decodeNotificationByIoTs(u))
      }),
      { numRuns: 300 }
    )
  })

  it('reports an unknown enum member as a warning through io-ts, not as a fast success', () => {
    const u = {
      uuid: '1',
      event: `${A}/extension/297277020/presence`,
      timestamp: '2026-11-21T09:30:00.000Z',
      body: { extensionId: '297277020', telephonyStatus: 'Teleporting' }
    }
    const r = decodeNotification(u)
    expect(r.ok).toBe(true)
    expect(r.warnings).toEqual([
      {
        path: 'body.telephonyStatus',
        message: expect.stringContaining('unknown TelephonyStatus value "Teleporting"') as string
      }
    ])
    expectSame(r, decodeNotificationByIoTs(u))
  })
})
