/**
 * The building blocks every event codec uses. They exist because RingCentral payloads need a decoding
 * policy that plain io-ts combinators do not give in one place (docs/platform.md#real-payloads):
 *
 * - unknown fields are tolerated and KEPT (io-ts `t.type` keeps them, `t.exact` would strip them);
 * - ids arrive as numbers in some real bodies and are normalised to strings;
 * - timestamps arrive as `…Z` and as `…+0000`;
 * - an enum value we do not know is kept as an explicit `{ unknown: value }` and reported as a warning,
 *   never dropped and never coerced to a known value.
 *
 * Decoding runs on every notification, so the struct combinator validates in one pass and does not
 * allocate a context per property on the happy path. When anything fails, the caller re-runs in
 * "precise" mode to get exact paths (see `runDecode`). Decoding is synchronous, which is what makes the
 * module-level mode below safe.
 */
import * as t from 'io-ts'
import {
  type Accepts,
  BAIL as BAIL_IMPORT,
  INVALID as INVALID_IMPORT,
  leafShape,
  type Shaped,
  withShape
} from './fast'
import { formatPath } from './report'
/** Local bindings: an imported binding can compile to a getter call per use, felt in hot loops. */
const BAIL = BAIL_IMPORT
const INVALID = INVALID_IMPORT

/** A value outside an enum's known set, kept verbatim so nothing is lost. */
export interface UnknownEnumValue {
  readonly unknown: string
}
export const isUnknownEnumValue = (v: unknown): v is UnknownEnumValue =>
  typeof v === 'object' && v !== null && typeof (v as { unknown?: unknown }).unknown === 'string'

/** One problem found while decoding, located by a readable path such as `body.parties[0].status.code`. */
export interface DecodeIssue {
  readonly path: string
  readonly message: string
}

interface DecodeMode {
  precise: boolean
  /** Set by an enum codec in fast mode: the caller must re-run precisely to locate the warning. */
  sawUnknown: boolean
  warnings: DecodeIssue[]
}
const mode: DecodeMode = { precise: true, sawUnknown: false, warnings: [] }

/** Extends a context only in precise mode; in fast mode paths are not needed because nothing failed. */
const child = (
  c: t.Context,
  key: string,
  type: t.Decoder<unknown, unknown>,
  u: unknown
): t.Context => (mode.precise ? t.appendContext(c, key, type, u) : c)

/**
 * Runs `codec` on `u` with the fast path first. Returns errors with full paths and the warnings
 * collected for unknown enum values.
 */
export function runDecode<A>(
  codec: t.Decoder<unknown, A>,
  u: unknown
): { value?: A; errors: t.Errors; warnings: DecodeIssue[] } {
  mode.precise = false
  mode.sawUnknown = false
  mode.warnings = []
  try {
    const fast = codec.decode(u)
    if (fast._tag === 'Right' && !mode.sawUnknown)
      return { value: fast.right, errors: [], warnings: [] }
  } catch (e) {
    if (e !== fastFailure) throw e
  } finally {
    mode.precise = true
  }
  // Slow path, taken only for invalid or surprising input: decode again with full contexts.
  mode.warnings = []
  const result = codec.decode(u)
  const warnings = mode.warnings
  mode.warnings = []
  return result._tag === 'Right'
    ? { value: result.right, errors: [], warnings }
    : { errors: result.left, warnings }
}

/**
 * In fast mode the first failure aborts the whole decode by throwing this sentinel: `runDecode`
 * re-runs precisely anyway, so collecting partial errors would be wasted work. It never escapes
 * `runDecode`. Codecs that try alternatives (io-ts unions) must not be used here, because the
 * sentinel would skip their later members; the slow path would still be right, only slower.
 */
const fastFailure: Error = new Error('fast decode failed')

type Props = Record<string, t.Mixed>
type TypeOfProps<P extends Props> = { [K in keyof P]: t.TypeOf<P[K]> }
type OutputOfProps<P extends Props> = { [K in keyof P]: t.OutputOf<P[K]> }
/** Flattens an intersection so editors and type tests show one plain object type. */
type Simplify<T> = { [K in keyof T]: T[K] } & {}
export type StructType<R extends Props, O extends Props> = Simplify<
  TypeOfProps<R> & Partial<TypeOfProps<O>>
>
export type StructOutput<R extends Props, O extends Props> = Simplify<
  OutputOfProps<R> & Partial<OutputOfProps<O>>
>

export interface StructC<R extends Props, O extends Props>
  extends t.Type<StructType<R, O>, StructOutput<R, O>, unknown>, Shaped {
  readonly required: R
  readonly optional: O
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * An object with required and optional properties, decoded in one pass. Unknown keys are kept. An
 * optional property that is present must have the right type: `undefined` counts as absent.
 */
export function struct<R extends Props, O extends Props = Record<never, t.Mixed>>(
  name: string,
  required: R,
  optional: O = {} as O
): StructC<R, O> {
  const reqKeys = Object.keys(required)
  const optKeys = Object.keys(optional)
  const all: Props = { ...required, ...optional }
  const keys = reqKeys.concat(optKeys)
  const codecs: Array<t.Mixed & Partial<AsIs>> = keys.map((k) => all[k]!)
  const type = new t.Type<StructType<R, O>, StructOutput<R, O>, unknown>(
    name,
    (u): u is StructType<R, O> =>
      isRecord(u) &&
      reqKeys.every((k) => all[k]!.is(u[k])) &&
      optKeys.every((k) => u[k] === undefined || all[k]!.is(u[k])),
    (u, c) => {
      if (!isRecord(u)) return leafFailure(u, c)
      let out: Record<string, unknown> = u
      let errors: t.ValidationError[] | undefined
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        const v = u[k]
        if (v === undefined && i >= reqKeys.length) continue
        const codec = codecs[i]!
        // Hot path: most leaves are already in their decoded form; skip the Either allocation.
        if (!mode.precise && codec.asIs?.(v) === true) continue
        const r = codec.validate(v, child(c, k, codec, v))
        if (r._tag === 'Left') {
          if (!mode.precise) throw fastFailure
          ;(errors ??= []).push(...r.left)
        } else if (r.right !== v) {
          // Copy on first change only, so untouched payloads are returned as-is (with unknown keys).
          if (out === u) out = { ...u }
          out[k] = r.right
        }
      }
      return errors ? t.failures(errors) : t.success(out as StructType<R, O>)
    },
    (a) => {
      let out: Record<string, unknown> | undefined
      const src = a as Record<string, unknown>
      for (const k of keys) {
        const v = src[k]
        if (v === undefined) continue
        const e = all[k]!.encode(v)
        if (e !== v) (out ??= { ...src })[k] = e
      }
      return (out ?? src) as StructOutput<R, O>
    }
  )
  return Object.assign(withShape(type, { kind: 'struct', required, optional }), {
    required,
    optional
  })
}

/** An array whose items are decoded without per-item context allocation on the happy path. */
export function arrayOf<C extends t.Mixed>(
  item: C,
  name = `Array<${item.name}>`
): t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown> & Shaped {
  const codec = new t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown>(
    name,
    (u): u is Array<t.TypeOf<C>> => Array.isArray(u) && u.every((x) => item.is(x)),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c)
      let out: unknown[] = u
      let errors: t.ValidationError[] | undefined
      for (let i = 0; i < u.length; i++) {
        const v: unknown = u[i]
        const r = item.validate(v, child(c, String(i), item, v))
        if (r._tag === 'Left') {
          if (!mode.precise) throw fastFailure
          ;(errors ??= []).push(...r.left)
        } else if (r.right !== v) {
          if (out === u) out = u.slice()
          out[i] = r.right
        }
      }
      return errors ? t.failures(errors) : t.success(out as Array<t.TypeOf<C>>)
    },
    (a) => a.map((x) => item.encode(x))
  )
  return withShape(codec, { kind: 'array', item })
}

/**
 * A leaf codec's cheap test that a value is valid AND already in decoded form, so the struct can skip
 * `validate` (and its Either allocation) for it on the fast path.
 */
export interface AsIs {
  readonly asIs: (u: unknown) => boolean
}
const withAsIs = <C extends t.Mixed>(codec: C, asIs: (u: unknown) => boolean): C & AsIs =>
  Object.assign(codec, { asIs })

/** Throwing from a leaf in fast mode keeps leaf failures as cheap as the struct's. */
const leafFailure = <A>(u: unknown, c: t.Context, message?: string): t.Validation<A> => {
  if (!mode.precise) throw fastFailure
  return t.failure(u, c, message)
}

const isString = (u: unknown): u is string => typeof u === 'string'
const isBoolean = (u: unknown): u is boolean => typeof u === 'boolean'
/**
 * Safe integers only: past 2^53 a double no longer counts by one (2^53 + 1 parses as 2^53), so a
 * `sequence` of 1e29 would compare equal to its successor and ordering by it would be wrong.
 */
const isInteger = (u: unknown): u is number => Number.isSafeInteger(u)

/** A JSON primitive that decodes to itself: valid exactly when `guard` holds. */
const primitive = <A>(
  name: string,
  guard: (u: unknown) => u is A,
  accepts: Accepts
): t.Type<A, A, unknown> & AsIs & Shaped =>
  withShape(
    withAsIs(
      new t.Type<A, A, unknown>(
        name,
        guard,
        (u, c) => (guard(u) ? t.success(u) : leafFailure(u, c)),
        t.identity
      ),
      guard
    ),
    leafShape((u) => (guard(u) ? u : INVALID), accepts)
  )

export const Str = primitive('string', isString, { type: 'string' })
export const Bool = primitive('boolean', isBoolean, { type: 'boolean' })
export const Int = primitive('integer', isInteger, { type: 'safe-integer' })

/**
 * An identifier that some real bodies send as a JSON number (`"extensionId": 297277020`) and others as
 * a string. Always a string after decoding so ids compare and key maps reliably. Numbers above 2^53
 * have already lost precision in JSON.parse; nothing here can restore that.
 */
const idOf = (u: unknown): string | undefined =>
  typeof u === 'string'
    ? u
    : typeof u === 'number' && Number.isSafeInteger(u) && u >= 0
      ? String(u)
      : undefined

export const Id = withShape(
  withAsIs(
    new t.Type<string, string, unknown>(
      'id (string or integer)',
      isString,
      (u, c) => {
        const id = idOf(u)
        return id === undefined ? leafFailure(u, c) : t.success(id)
      },
      t.identity
    ),
    isString
  ),
  leafShape((u) => idOf(u) ?? INVALID, { type: 'string' })
)

/** `2016-02-18T09:37:24.597Z`, `2021-07-02T11:40:28.805+0000` and `+00:00` are all seen. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/
const OFFSET_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/

/** Whether the character at `i` is a decimal digit. */
const digitAt = (u: string, i: number): boolean => {
  const d = u.charCodeAt(i) - 48
  return d >= 0 && d <= 9
}
/**
 * Already canonical: UTC with milliseconds, the form most real events use. For a 24-character text
 * ending in `Z`, TIMESTAMP matches exactly this layout, so it is checked by character codes: this
 * runs for every timestamp of every notification, and a regex test costs several times more.
 * Written out position by position (`2016-02-18T09:37:24.597Z`): a loop over tables of positions
 * was a tenth of the whole compiled decode in a profile.
 */
const isCanonicalTimestamp = (u: unknown): u is string =>
  typeof u === 'string' &&
  u.length === 24 &&
  u.charCodeAt(23) === 90 /* Z */ &&
  u.charCodeAt(4) === 45 /* - */ &&
  u.charCodeAt(7) === 45 /* - */ &&
  u.charCodeAt(10) === 84 /* T */ &&
  u.charCodeAt(13) === 58 /* : */ &&
  u.charCodeAt(16) === 58 /* : */ &&
  u.charCodeAt(19) === 46 /* . */ &&
  digitAt(u, 0) &&
  digitAt(u, 1) &&
  digitAt(u, 2) &&
  digitAt(u, 3) &&
  digitAt(u, 5) &&
  digitAt(u, 6) &&
  digitAt(u, 8) &&
  digitAt(u, 9) &&
  digitAt(u, 11) &&
  digitAt(u, 12) &&
  digitAt(u, 14) &&
  digitAt(u, 15) &&
  digitAt(u, 17) &&
  digitAt(u, 18) &&
  digitAt(u, 20) &&
  digitAt(u, 21) &&
  digitAt(u, 22)

/** An ISO 8601 instant, normalised to UTC `…Z` so that timestamps compare as strings. */
const timestampOf = (u: unknown): string | undefined => {
  if (isCanonicalTimestamp(u)) return u
  if (typeof u !== 'string' || !TIMESTAMP.test(u)) return undefined
  const ms = Date.parse(u.replace(OFFSET_WITHOUT_COLON, '$1:$2'))
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

export const Timestamp = withShape(
  withAsIs(
    new t.Type<string, string, unknown>(
      'ISO 8601 timestamp',
      isCanonicalTimestamp,
      (u, c) => {
        const ts = timestampOf(u)
        return ts === undefined ? leafFailure(u, c) : t.success(ts)
      },
      t.identity
    ),
    isCanonicalTimestamp
  ),
  leafShape((u) => timestampOf(u) ?? INVALID)
)

export type EnumValue<K extends string> = K | UnknownEnumValue

/**
 * A string enum whose unknown members are kept as `{ unknown: value }` and reported as warnings.
 * RingCentral adds members without notice (`Tds`, `CallPark`, `CallSwitch`, dnd `Unknown` all appeared
 * after the docs were written), so an unknown member must not make the whole notification invalid.
 */
export function enumOf<K extends string>(
  name: string,
  keys: Record<K, null>
): t.Type<EnumValue<K>, string, unknown> & Shaped {
  const known = new Set<string>(Object.keys(keys))
  const list = [...known].join(', ')
  const asIs = (u: unknown): boolean => typeof u === 'string' && known.has(u)
  const codec = new t.Type<EnumValue<K>, string, unknown>(
    name,
    (u): u is EnumValue<K> => (typeof u === 'string' && known.has(u)) || isUnknownEnumValue(u),
    (u, c) => {
      if (typeof u !== 'string') return leafFailure(u, c)
      if (known.has(u)) return t.success(u as K)
      if (!mode.precise) {
        mode.sawUnknown = true
      } else {
        mode.warnings.push({
          path: formatPath(c),
          message: `unknown ${name} value ${JSON.stringify(u)} kept as unknown (known: ${list})`
        })
      }
      return t.success({ unknown: u })
    },
    (a) => (typeof a === 'string' ? a : a.unknown)
  )
  // An unknown member is valid but warned about: the warning's text and path come from io-ts.
  const check = (u: unknown): unknown => (typeof u !== 'string' ? INVALID : known.has(u) ? u : BAIL)
  return withShape(withAsIs(codec, asIs), {
    kind: 'leaf',
    check,
    mayWarn: true,
    accepts: { members: known }
  })
}

/** The wire text of an enum value, known or not: what a person should see. */
export const enumText = (v: EnumValue<string>): string => (typeof v === 'string' ? v : v.unknown)

export { formatPath, issueText, reportErrors } from './report'
