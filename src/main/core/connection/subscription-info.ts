/**
 * The subscription the platform answers a create or renew with (the specification's
 * `SubscriptionInfo`, docs/platform.md#hidden-presence): only the parts the core reads are
 * checked, strictly, and unknown fields are kept as every codec here does. `disabledFilters` lists
 * the filters the platform dropped instead of failing the request, each with the `filter` and the
 * `reason` the specification requires; a hidden colleague's presence filter is one of them.
 */
import {
  arrayOf,
  enumOf,
  issueText,
  reportErrors,
  runDecode,
  Str,
  struct
} from '../../../shared/events'
import type * as t from 'io-ts'

export const DisabledFilterInfo = struct(
  'DisabledFilterInfo',
  { filter: Str, reason: Str },
  { message: Str }
)
export type DisabledFilterInfo = t.TypeOf<typeof DisabledFilterInfo>

export const SubscriptionInfo = struct(
  'SubscriptionInfo',
  { id: Str },
  {
    status: enumOf('SubscriptionStatus', { Active: null, Blacklisted: null }),
    eventFilters: arrayOf(Str),
    disabledFilters: arrayOf(DisabledFilterInfo),
    blacklistedData: struct('BlacklistedData', {}, { blacklistedAt: Str, reason: Str })
  }
)
export type SubscriptionInfo = t.TypeOf<typeof SubscriptionInfo>

/** A platform answer that does not decode is a clear error naming the field, never a guess. */
export function decodeSubscriptionInfo(
  u: unknown
):
  | { readonly ok: true; readonly value: SubscriptionInfo }
  | { readonly ok: false; readonly error: string } {
  const out = runDecode(SubscriptionInfo, u)
  if (out.value !== undefined) return { ok: true, value: out.value }
  return { ok: false, error: reportErrors(out.errors).map(issueText).join('; ') }
}
