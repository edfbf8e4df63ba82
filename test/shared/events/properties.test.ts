import fc from 'fast-check'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  decodeNotification,
  DetailedPresenceSipBody,
  runDecode,
  TelephonySessionBody
} from '../../../src/shared/events'
import {
  detailedPresenceSipBody,
  leaves,
  setLeaf,
  telephonySessionBody,
  wrongTypeFor
} from './arbitraries'

interface Case {
  readonly name: string
  readonly codec: t.Decoder<unknown, unknown>
  readonly arb: fc.Arbitrary<unknown>
  readonly event: string
}
const cases: readonly Case[] = [
  {
    name: 'telephony session',
    codec: TelephonySessionBody,
    arb: telephonySessionBody,
    event: '/restapi/v1.0/account/1/telephony/sessions'
  },
  {
    name: 'detailed presence with SIP',
    codec: DetailedPresenceSipBody,
    arb: detailedPresenceSipBody,
    event: '/restapi/v1.0/account/1/extension/2/presence?detailedTelephonyState=true&sipData=true'
  }
]

describe.each(cases)('$name bodies', ({ codec, arb, event }) => {
  it('generated valid bodies decode with no errors and no warnings', () => {
    fc.assert(
      fc.property(arb, (body) => {
        const r = runDecode(codec, body)
        expect(r.errors).toEqual([])
        expect(r.warnings).toEqual([])
      })
    )
  })

  it('a leaf of the wrong type fails with exactly that path', () => {
    const bodyAndLeaf = arb.chain((body) =>
      fc.constantFrom(...leaves(body)).map((leaf) => ({ body, leaf }))
    )
    fc.assert(
      fc.property(bodyAndLeaf, ({ body, leaf }) => {
        const mutated = setLeaf(body, leaf.path, wrongTypeFor(leaf.value))
        const r = decodeNotification({
          uuid: '1',
          event,
          timestamp: '2026-11-21T09:30:00.000Z',
          body: mutated
        })
        expect(r.ok).toBe(false)
        expect(r.errors.map((e) => e.path)).toEqual([`body.${leaf.path}`])
      })
    )
  })

  it('decoding is idempotent: a decoded body decodes to itself', () => {
    fc.assert(
      fc.property(arb, (body) => {
        const once = runDecode(codec, body).value
        expect(runDecode(codec, once).value).toEqual(once)
      })
    )
  })
})
