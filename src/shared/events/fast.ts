/**
 * The contract between the codecs and the decode compiler (compile.ts). io-ts stays the definition
 * of every payload; this only lets each codec tell the compiler what it is, so the compiler can build
 * a check that answers the common case (valid, no warning) without Eithers or contexts, and says
 * "ask io-ts" for everything else (docs/performance.md#decoding).
 */

/** The value is not valid for this codec: io-ts would return errors. */
export const INVALID: unique symbol = Symbol('invalid')
/**
 * io-ts must decide: the value is valid but io-ts would report a warning (an unknown enum member), or
 * the fast check cannot tell what io-ts would say. Nothing fast is returned; the caller runs io-ts.
 */
export const BAIL: unique symbol = Symbol('bail')

/** Returns the decoded value (the input itself when nothing changed), `INVALID` or `BAIL`. */
export type FastCheck = (u: unknown) => unknown

/** What a codec of codec-kit is, for the compiler; io-ts's own codecs are read by their `_tag`. */
export type Shape =
  | { readonly kind: 'struct'; readonly required: object; readonly optional: object }
  | { readonly kind: 'array'; readonly item: object }
  /** `mayWarn`: the codec can succeed with a warning (then its check returns `BAIL`). */
  | {
      readonly kind: 'leaf'
      readonly check: FastCheck
      readonly mayWarn: boolean
      readonly accepts?: Accepts
    }

/**
 * A test the compiler may run inline, in the loop of the object that holds the leaf, before calling
 * the leaf's check: a value it admits is valid and decodes to itself. A value it does not admit
 * still goes to `check`, which stays the definition (an id may be a number, which `check` converts).
 */
export type Accepts =
  | { readonly type: 'string' | 'boolean' | 'safe-integer' }
  | { readonly members: ReadonlySet<string> }

export interface Shaped {
  readonly shape: Shape
}

export const withShape = <C extends object>(codec: C, shape: Shape): C & Shaped =>
  Object.assign(codec, { shape })

/** A leaf that never warns. */
export const leafShape = (check: FastCheck, accepts?: Accepts): Shape =>
  accepts === undefined
    ? { kind: 'leaf', check, mayWarn: false }
    : { kind: 'leaf', check, mayWarn: false, accepts }
