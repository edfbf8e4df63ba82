/** fast-check generators for valid `Filter` values (shared by the property tests). */
import fc from 'fast-check'
import {
  DIRECTIONS,
  PRESENCE_DETAILS,
  STATUS_CODES,
  type Filter,
  type TelephonySessionsParams
} from '../../../src/shared/filters'

const digit = fc.constantFrom(...'0123456789')

/** A real (numeric) id: int64 ids are up to 19 digits. */
export const realId: fc.Arbitrary<string> = fc
  .array(digit, { minLength: 1, maxLength: 19 })
  .map((d) => d.join(''))

export const id: fc.Arbitrary<string> = fc.oneof(fc.constant('~'), realId)

export const phoneNumber: fc.Arbitrary<string> = fc
  .array(digit, { minLength: 8, maxLength: 15 })
  .map((d) => '+' + d.join(''))

export const params: fc.Arbitrary<TelephonySessionsParams> = fc.record(
  {
    direction: fc.constantFrom(...DIRECTIONS),
    missedCall: fc.boolean(),
    phoneNumber,
    sipData: fc.boolean(),
    statusCode: fc.constantFrom(...STATUS_CODES),
    withRecordings: fc.boolean()
  },
  { requiredKeys: [], noNullPrototype: true }
)

/** Valid filters; `idArb` lets the event-path property use real ids only. */
export function filterArb(idArb: fc.Arbitrary<string> = id): fc.Arbitrary<Filter> {
  const detail = fc.constantFrom(...PRESENCE_DETAILS)
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('extension-presence', 'line-presence', 'favorite-presence' as const),
        idArb,
        idArb,
        detail
      )
      .map(([kind, accountId, extensionId, d]): Filter => ({
        kind,
        accountId,
        extensionId,
        detail: d
      })),
    idArb.map((accountId): Filter => ({ kind: 'account-presence', accountId })),
    fc
      .tuple(idArb, fc.option(idArb, { nil: undefined }), params)
      .map(([accountId, extensionId, p]): Filter =>
        extensionId === undefined
          ? { kind: 'telephony-sessions', accountId, params: p }
          : { kind: 'telephony-sessions', accountId, extensionId, params: p }
      ),
    fc
      .tuple(fc.constantFrom('line-list', 'favorites' as const), idArb, idArb)
      .map(([kind, accountId, extensionId]): Filter => ({ kind, accountId, extensionId }))
  )
}
