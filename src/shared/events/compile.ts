/**
 * Compiles an io-ts codec into a fast check (fast.ts) by walking the codec objects once: codec-kit's
 * codecs by their `shape`, io-ts's own by their `_tag`. The check copies on change exactly as io-ts
 * does and allocates nothing else on the happy path (no Either, no context). It never decides a
 * failure or a warning: it answers `INVALID`/`BAIL` and the caller re-runs io-ts, so errors and
 * warnings are io-ts's own. A codec the compiler does not know compiles to `undefined`, and so does
 * every codec containing it: those are decoded by io-ts alone (docs/performance.md#decoding).
 *
 * Because the checks are built from the codec objects, a field added to a codec is checked by
 * construction; there is no second list of fields to keep in step.
 */
import type * as t from 'io-ts'
import {
  type Accepts,
  BAIL as BAIL_IMPORT,
  type FastCheck,
  INVALID as INVALID_IMPORT,
  type Shape
} from './fast'
/** Local bindings: an imported binding can compile to a getter call per use, felt in hot loops. */
const BAIL = BAIL_IMPORT
const INVALID = INVALID_IMPORT

export interface Compiled {
  readonly check: FastCheck
  /** Whether io-ts could report a warning for some value: then a failed member of a union must bail. */
  readonly mayWarn: boolean
  readonly accepts?: Accepts
}

/** `Accepts` as a small integer, so the loops of objects and arrays test it without a call. */
const enum Op {
  Call,
  String,
  Boolean,
  SafeInteger,
  Member
}
const opOf = (accepts: Accepts | undefined): Op =>
  accepts === undefined
    ? Op.Call
    : 'members' in accepts
      ? Op.Member
      : accepts.type === 'string'
        ? Op.String
        : accepts.type === 'boolean'
          ? Op.Boolean
          : Op.SafeInteger

/** Whether the inline test admits `v` as valid and already decoded (else the check decides). */
function admits(op: Op, members: ReadonlySet<string> | undefined, v: unknown): boolean {
  switch (op) {
    case Op.Call:
      return false
    case Op.String:
      return typeof v === 'string'
    case Op.Boolean:
      return typeof v === 'boolean'
    case Op.SafeInteger:
      return Number.isSafeInteger(v)
    case Op.Member:
      return typeof v === 'string' && members!.has(v)
  }
}

type Node = t.Decoder<unknown, unknown> & {
  readonly _tag?: string
  readonly shape?: Shape
  readonly type?: Node
  readonly types?: readonly Node[]
  readonly props?: Record<string, Node>
  readonly value?: unknown
  readonly keys?: Record<string, unknown>
  readonly predicate?: (a: unknown) => boolean
  readonly tag?: string
}

const compiled = new WeakMap<object, Compiled | null>()
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)
const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)
const same: FastCheck = (u) => u
const leaf = (check: FastCheck): Compiled => ({ check, mayWarn: false })

/** The fast check of `codec`, or `undefined` when some part of it is not known to the compiler. */
export function compile(codec: t.Decoder<unknown, unknown>): Compiled | undefined {
  const node = codec as Node
  const hit = compiled.get(node)
  if (hit !== undefined) return hit ?? undefined
  const made = build(node)
  compiled.set(node, made ?? null)
  return made
}

function build(node: Node): Compiled | undefined {
  const shape = node.shape
  if (shape !== undefined) return fromShape(shape)
  switch (node._tag) {
    case 'StringType':
      return leaf((u) => (typeof u === 'string' ? u : INVALID))
    case 'NumberType':
      return leaf((u) => (typeof u === 'number' ? u : INVALID))
    case 'BooleanType':
      return leaf((u) => (typeof u === 'boolean' ? u : INVALID))
    case 'NullType':
      return leaf((u) => (u === null ? u : INVALID))
    case 'UndefinedType':
    case 'VoidType':
      return leaf((u) => (u === undefined ? u : INVALID))
    case 'UnknownType':
    case 'AnyType':
      return leaf(same)
    case 'AnyDictionaryType':
      return leaf((u) => (isRecord(u) ? u : INVALID))
    case 'AnyArrayType':
      return leaf((u) => (Array.isArray(u) ? u : INVALID))
    case 'LiteralType': {
      const value = node.value
      return leaf((u) => (u === value ? u : INVALID))
    }
    case 'KeyofType': {
      const keys = node.keys ?? {}
      return leaf((u) => (typeof u === 'string' && hasOwn(keys, u) ? u : INVALID))
    }
    default:
      return combinator(node)
  }
}

function combinator(node: Node): Compiled | undefined {
  switch (node._tag) {
    case 'ReadonlyType':
      return node.type && compile(node.type)
    case 'RefinementType':
      return node.type && node.predicate && refinement(node.type, node.predicate)
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return node.type && array(node.type)
    case 'InterfaceType':
      return node.props && object(node.props, false)
    case 'PartialType':
      return node.props && object(node.props, true)
    case 'UnionType':
      // A union io-ts indexes by a tag validates only the tagged member: left to io-ts.
      return node.types && node.tag === undefined ? union(node.types) : undefined
    default:
      // ExactType, IntersectionType, RecursiveType, custom codecs without a shape …: io-ts decides.
      return undefined
  }
}

function fromShape(shape: Shape): Compiled | undefined {
  switch (shape.kind) {
    case 'leaf':
      return { check: shape.check, mayWarn: shape.mayWarn, accepts: shape.accepts }
    case 'array':
      return array(shape.item as Node)
    case 'struct':
      return struct(shape.required as Record<string, Node>, shape.optional as Record<string, Node>)
  }
}

interface Fields {
  readonly keys: string[]
  readonly checks: FastCheck[]
  readonly ops: Op[]
  readonly members: Array<ReadonlySet<string> | undefined>
  readonly mayWarn: boolean
}

const membersOf = (c: Compiled): ReadonlySet<string> | undefined =>
  c.accepts !== undefined && 'members' in c.accepts ? c.accepts.members : undefined

function fields(props: Record<string, Node>): Fields | undefined {
  const keys = Object.keys(props)
  const f: Fields = { keys, checks: [], ops: [], members: [], mayWarn: false }
  let mayWarn = false
  for (const k of keys) {
    const c = compile(props[k]!)
    if (c === undefined) return undefined
    f.checks.push(c.check)
    f.ops.push(opOf(c.accepts))
    f.members.push(membersOf(c))
    mayWarn ||= c.mayWarn
  }
  return { ...f, mayWarn }
}

/**
 * codec-kit's `struct`: required keys first, an absent (`undefined`) optional key is skipped.
 *
 * The happy path walks the keys the value HAS (`for…in`, V8's enum cache for a JSON object) and
 * finds each one's field by a Map, instead of looking up every declared key: a body names a
 * fraction of its codec's optional fields, and each missing key is a lookup that reaches the
 * prototype. Keys the codec does not know are kept (not visited further). When a required key was
 * not seen the declared walk (`byDeclared`) decides, so a missing key is judged exactly as before.
 * The order fields are visited in does not change the answer: any failure re-runs io-ts.
 */
function struct(
  required: Record<string, Node>,
  optional: Record<string, Node>
): Compiled | undefined {
  const f = fields({ ...required, ...optional })
  if (f === undefined) return undefined
  const { keys, checks, ops, members } = f
  const requiredCount = Object.keys(required).length
  const index = new Map<string, number>(keys.map((k, i) => [k, i]))
  const fieldOf = keyOrderMemo(index)
  const byDeclared: FastCheck = (u) => {
    if (!isRecord(u)) return INVALID
    let out = u
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      const v = u[k]
      if (v === undefined && i >= requiredCount) continue
      if (admits(ops[i]!, members[i], v)) continue
      const r = checks[i]!(v)
      if (r === INVALID || r === BAIL) return r
      if (r !== v) {
        if (out === u) out = { ...u }
        out[k] = r
      }
    }
    return out
  }
  const check: FastCheck = (u) => {
    if (!isRecord(u)) return INVALID
    let out = u
    let seen = 0
    let position = 0
    for (const k in u) {
      const i = fieldOf(k, position++)
      if (i < 0) continue
      const v = u[k]
      if (i < requiredCount) seen++
      else if (v === undefined) continue
      if (admits(ops[i]!, members[i], v)) continue
      const r = checks[i]!(v)
      if (r === INVALID || r === BAIL) return r
      if (r !== v) {
        if (out === u) out = { ...u }
        out[k] = r
      }
    }
    return seen === requiredCount ? out : byDeclared(u)
  }
  return { check, mayWarn: f.mayWarn }
}

/** Positions remembered per struct: a value with more keys than this looks the rest up in the Map. */
const MEMO_POSITIONS = 64

/**
 * The field index of key `k` seen at `position` of a value's keys, -1 for a key the codec does not
 * know. Payloads of one kind arrive with their keys in one order (one serialiser wrote them), so
 * the key at a position is usually the one seen there last: comparing it with that key is a
 * pointer comparison (both are internalised property names), where the Map would hash and probe.
 * A different key is looked up in the Map and remembered in its place, so a mix of orders costs
 * what the Map costs. The memo is bounded, so a hostile value with many keys cannot grow it.
 */
function keyOrderMemo(index: ReadonlyMap<string, number>): (k: string, position: number) => number {
  const memoKeys: string[] = []
  const memoFields: number[] = []
  return (k, position) => {
    if (memoKeys[position] === k) return memoFields[position]!
    const i = index.get(k) ?? -1
    if (position < MEMO_POSITIONS && position <= memoKeys.length) {
      memoKeys[position] = k
      memoFields[position] = i
    }
    return i
  }
}

/** io-ts `type` (`partial` false) and `partial`, with their copy-on-change rules. */
function object(props: Record<string, Node>, partial: boolean): Compiled | undefined {
  const f = fields(props)
  if (f === undefined) return undefined
  const { keys, checks } = f
  const check: FastCheck = (u) => {
    if (!isRecord(u)) return INVALID
    let out = u
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      const v = u[k]
      const r = checks[i]!(v)
      if (r === BAIL) return r
      if (r === INVALID) {
        // `partial` ignores a failure on an absent key, `type` does not.
        if (partial && v === undefined) continue
        return r
      }
      // `type` writes an `undefined` result for a missing key; `partial` only writes changes.
      if (r !== v || (!partial && r === undefined && !hasOwn(u, k))) {
        if (out === u) out = { ...u }
        out[k] = r
      }
    }
    return out
  }
  return { check, mayWarn: f.mayWarn }
}

function array(itemCodec: Node): Compiled | undefined {
  const item = compile(itemCodec)
  if (item === undefined) return undefined
  const itemCheck = item.check
  const op = opOf(item.accepts)
  const itemMembers = membersOf(item)
  const check: FastCheck = (u) => {
    if (!Array.isArray(u)) return INVALID
    let out: unknown[] = u
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i]
      if (admits(op, itemMembers, v)) continue
      const r = itemCheck(v)
      if (r === INVALID || r === BAIL) return r
      if (r !== v) {
        if (out === u) out = u.slice()
        out[i] = r
      }
    }
    return out
  }
  return { check, mayWarn: item.mayWarn }
}

function refinement(inner: Node, predicate: (a: unknown) => boolean): Compiled | undefined {
  const c = compile(inner)
  if (c === undefined) return undefined
  const innerCheck = c.check
  return {
    check: (u) => {
      const r = innerCheck(u)
      return r === INVALID || r === BAIL || predicate(r) ? r : INVALID
    },
    mayWarn: c.mayWarn
  }
}

function members(types: readonly Node[]): Compiled[] | undefined {
  const out: Compiled[] = []
  for (const m of types) {
    const c = compile(m)
    if (c === undefined) return undefined
    out.push(c)
  }
  return out
}

/**
 * io-ts tries the members in order and keeps the first success. A member that fails may still have
 * reported warnings in io-ts (it collects everything it finds), so a failed member that can warn
 * makes the whole union bail rather than guess.
 */
function union(types: readonly Node[]): Compiled | undefined {
  const ms = members(types)
  if (ms === undefined) return undefined
  const check: FastCheck = (u) => {
    for (const m of ms) {
      const r = m.check(u)
      if (r === BAIL) return r
      if (r !== INVALID) return r
      if (m.mayWarn) return BAIL
    }
    return INVALID
  }
  return { check, mayWarn: ms.some((m) => m.mayWarn) }
}
