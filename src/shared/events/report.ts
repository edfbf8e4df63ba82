/**
 * Readable locations for decode problems: `body.activeCalls[1].sipData.toTag: expected string, got
 * 42`. Shared by errors (io-ts contexts) and by the enum warnings of codec-kit.
 */
import type * as t from 'io-ts'
import type { DecodeIssue } from './codec-kit'

/** Codecs whose context keys are member indexes, not data. */
const MEMBER_INDEXED = new Set(['UnionType', 'IntersectionType'])
/** Codecs that validate through an inner codec without an entry of their own. */
const WRAPPERS = new Set(['RefinementType', 'ExactType', 'ReadonlyType'])

type Tagged = t.Decoder<unknown, unknown> & { readonly _tag?: string; readonly type?: Tagged }

/** Whether the keys under this codec are member indexes: a union or intersection, maybe wrapped. */
function indexesMembers(type: Tagged): boolean {
  let inner: Tagged | undefined = type
  while (inner?._tag !== undefined && WRAPPERS.has(inner._tag)) inner = inner.type
  return inner?._tag !== undefined && MEMBER_INDEXED.has(inner._tag)
}

/**
 * `body.activeCalls[1].sipData.toTag`: array indices in brackets, union/intersection levels skipped
 * (their numeric keys are member indexes, not data), in the manner of Kibana's decode_or_throw.
 * An exact or refined object adds no entry of its own, so the keys under it are its inner codec's:
 * real field names under `t.exact(t.partial(…))`, member indexes under `t.exact(t.intersection(…))`.
 */
export function formatPath(c: t.Context): string {
  let path = ''
  for (let i = 1; i < c.length; i++) {
    const entry = c[i]!
    if (indexesMembers(c[i - 1]!.type as Tagged)) continue
    path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`
  }
  return path === '' ? '(root)' : path
}

const describe = (u: unknown): string => {
  if (u === undefined) return 'nothing (the field is missing)'
  if (u === null) return 'null'
  if (Array.isArray(u)) return `an array of ${u.length}`
  if (typeof u === 'object') return 'an object'
  // JSON.stringify throws on a BigInt and gives undefined for a symbol or a function: values that
  // JSON text cannot carry, but Electron's structured clone does (a BigInt), or a caller may pass.
  const s = typeof u === 'bigint' ? `${u}n` : (JSON.stringify(u) ?? `a ${typeof u}`)
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}

/** Turns io-ts errors into `path: expected X, got Y` issues, one per distinct path. */
export function reportErrors(errors: t.Errors): DecodeIssue[] {
  const seen = new Set<string>()
  const out: DecodeIssue[] = []
  for (const e of errors) {
    const path = formatPath(e.context)
    const leaf = e.context[e.context.length - 1]
    const expected = leaf ? leaf.type.name : 'value'
    const message = e.message ?? `expected ${expected}, got ${describe(e.value)}`
    const key = `${path}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ path, message })
  }
  return out
}

export const issueText = (i: DecodeIssue): string => `${i.path}: ${i.message}`
