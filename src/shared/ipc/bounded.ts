/**
 * Size bounds for everything the renderer sends main, in one place. The renderer is the attacker
 * in the threat model (docs/security.md#rogue-renderer): without a bound, one call can hand main a
 * quarter of a million line ids to PUT to RingCentral, a 100 MB "JWT" to send to the token
 * endpoint, or a megabyte of junk to write into settings.json. Every IPC and bridge argument codec
 * is built from these helpers, and each limit below says where it comes from. RingCentral
 * publishes none of them as a fixed number (the line limit is set per account, see
 * MAX_MONITORED_LINES), so all of them are **ours**: generous for the values RingCentral issues and
 * people type, with the one standard behind a limit (E.164) named, and small enough that an
 * oversized argument costs nothing to refuse.
 *
 * A value over its bound fails with a message that names the limit ("at most 100 lines, got
 * 250000") and never quotes the value, which may be a credential. `dispatch` answers such a call
 * with `invalid-argument` (src/main/host/dispatch.ts). Lengths are checked before anything else,
 * so a huge array is refused without decoding its elements. Pure io-ts: the renderer may import it.
 */
import * as t from 'io-ts'
import { MAX_ID_LENGTH, RcId } from '../util/ids'

/**
 * Monitored lines (`…/presence/line`). Ours: RingCentral sets the real limit per account and
 * publishes it as `limits.maxMonitoredExtensionsPerUser` of
 * `GET /restapi/v1.0/account/~/service-info`, without a fixed value
 * (docs/platform.md#monitored-lines). 100 lines is a full board; an account that allows fewer
 * refuses the PUT, and the agent reads RingCentral's reason.
 */
export const MAX_MONITORED_LINES = 100
/** Lines that pop up when the rules say "selected lines". Ours: a subset of the monitored lines. */
export const MAX_SELECTED_LINES = MAX_MONITORED_LINES
/** A JWT credential. Ours: RingCentral's are 600 to 1,000 characters; four KB leaves room. */
export const MAX_JWT_LENGTH = 4096
/** Client id and secret. Ours: RingCentral's are a few dozen characters. */
export const MAX_CLIENT_CREDENTIAL_LENGTH = 256
/**
 * A phone number in an event filter. E.164 allows at most 15 digits after the `+`
 * (https://www.itu.int/rec/T-REC-E.164); ours: about twice that, for spaces, dashes and brackets.
 */
export const MAX_PHONE_NUMBER_LENGTH = 32
/** A web or server URL. Ours: the length browsers and servers have long handled everywhere. */
export const MAX_URL_LENGTH = 2048
/** Ours: a registration failure's reason, as the phone words it for the agent. */
export const MAX_REASON_LENGTH = 200

/**
 * The failures these codecs produce, by identity: io-ts passes error objects up unchanged, so
 * `dispatch` can tell "too big" (`invalid-argument`) from "wrong shape" (`bad-arguments`).
 */
const overBound = new WeakSet<t.ValidationError>()

/** The value itself is left out of the error: it may be a credential, or a megabyte of one. */
function boundFailure<A>(context: t.Context, message: string): t.Validation<A> {
  const error: t.ValidationError = { value: undefined, context, message }
  overBound.add(error)
  return t.failures([error])
}

/** Whether every error is a bound failure (so the arguments had the right shape, only too much). */
export const onlyBoundFailures = (errors: t.Errors): boolean =>
  errors.length > 0 && errors.every((e) => overBound.has(e))

/** A string of at most `max` UTF-16 units; `name` is what the message calls it ("a JWT"). */
export function boundedString(max: number, name: string): t.Type<string, string, unknown> {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.length <= max,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c)
      if (u.length > max) {
        return boundFailure(c, `at most ${max} characters for ${name}, got ${u.length}`)
      }
      return t.success(u)
    },
    t.identity
  )
}

/** An array of at most `max` elements of `codec`; `name` is the elements' plural ("lines"). */
export function boundedArray<C extends t.Mixed>(
  codec: C,
  max: number,
  name: string
): t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown> {
  const array = t.array(codec)
  return new t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown>(
    // What a value of the wrong shape was expected to be: "expected Array<RcId>, got 42".
    array.name,
    (u): u is Array<t.TypeOf<C>> => Array.isArray(u) && u.length <= max && array.is(u),
    (u, c) => {
      if (Array.isArray(u) && u.length > max) {
        return boundFailure(c, `at most ${max} ${name}, got ${u.length}`)
      }
      return array.validate(u, c)
    },
    array.encode
  )
}

/**
 * `codec` or `null`. Unlike `t.union([codec, t.null])`, an over-long value reports only its bound,
 * not also "expected null", so it still counts as the right shape, only too big.
 */
export function nullOr<C extends t.Mixed>(
  codec: C
): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> {
  return new t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : (codec.encode(a) as t.OutputOf<C>))
  )
}

/**
 * A RingCentral id as the contract takes it: RcId's rule (src/shared/util/ids.ts), with an
 * over-long one reported as too long rather than as a malformed id.
 */
export const BoundedRcId: t.Type<string, string, unknown> = boundedString(
  MAX_ID_LENGTH,
  'an id'
).pipe(RcId, 'RcId')

/** A whole number from 0 to `max`; `name` is what the message counts ("pop-up entries"). */
export function boundedCount(max: number, name: string): t.Type<number, number, unknown> {
  return new t.Type<number, number, unknown>(
    name,
    (u): u is number => Number.isInteger(u) && (u as number) >= 0 && (u as number) <= max,
    (u, c) => {
      if (typeof u !== 'number' || !Number.isInteger(u) || u < 0) return t.failure(u, c)
      if (u > max) return boundFailure(c, `at most ${max} ${name}, got ${u}`)
      return t.success(u)
    },
    t.identity
  )
}
