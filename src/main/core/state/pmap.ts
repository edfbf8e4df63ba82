/**
 * A small persistent (immutable, structurally shared) map with string keys.
 *
 * Why not a plain `Map` copied on every update: the reducer runs on every notification, and the
 * session and dedupe tables hold thousands of entries. Copying them whole per event would make the
 * reducer O(n) per notification. Here a key's hash picks one of 64 × 64 leaves through a two-level
 * array; an update copies one top array, one middle array (64 pointers each) and one leaf (a few
 * entries), and shares everything else with the previous version. Old versions stay valid, so the
 * reducer stays pure.
 */

const FAN = 64
const SHIFT = 6
const MASK = FAN - 1

type Leaf<V> = ReadonlyMap<string, V>
type Mid<V> = ReadonlyArray<Leaf<V> | undefined>

export interface PMap<V> {
  readonly top: ReadonlyArray<Mid<V> | undefined>
  readonly size: number
}

const EMPTY: PMap<never> = { top: new Array<undefined>(FAN).fill(undefined), size: 0 }

export const emptyPMap = <V>(): PMap<V> => EMPTY

/** FNV-1a over the UTF-16 code units, 12 bits used: enough spread for tables of ~10k ids. */
function hashOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const leafOf = <V>(m: PMap<V>, h: number): Leaf<V> | undefined =>
  m.top[(h >>> SHIFT) & MASK]?.[h & MASK]

/** Returns a map with the leaf for hash `h` replaced (undefined removes it). */
function withLeaf<V>(m: PMap<V>, h: number, leaf: Leaf<V> | undefined, size: number): PMap<V> {
  const hi = (h >>> SHIFT) & MASK
  const mid = (m.top[hi] ?? new Array<undefined>(FAN).fill(undefined)).slice()
  mid[h & MASK] = leaf
  const top = m.top.slice()
  top[hi] = mid
  return { top, size }
}

export function pget<V>(m: PMap<V>, key: string): V | undefined {
  return leafOf(m, hashOf(key))?.get(key)
}

export function phas<V>(m: PMap<V>, key: string): boolean {
  return leafOf(m, hashOf(key))?.has(key) === true
}

export function pset<V>(m: PMap<V>, key: string, value: V): PMap<V> {
  const h = hashOf(key)
  const old = leafOf(m, h)
  const had = old?.has(key) === true
  if (had && old?.get(key) === value) return m
  const leaf = new Map(old)
  leaf.set(key, value)
  return withLeaf(m, h, leaf, m.size + (had ? 0 : 1))
}

export function pdelete<V>(m: PMap<V>, key: string): PMap<V> {
  const h = hashOf(key)
  const old = leafOf(m, h)
  if (old === undefined || !old.has(key)) return m
  const leaf = new Map(old)
  leaf.delete(key)
  return withLeaf(m, h, leaf.size === 0 ? undefined : leaf, m.size - 1)
}

/** Deletes many keys (batch eviction). */
export function pdeleteAll<V>(m: PMap<V>, keys: Iterable<string>): PMap<V> {
  let out = m
  for (const key of keys) out = pdelete(out, key)
  return out
}

/** Calls `fn` for every entry; faster than the generators on hot paths (batch eviction). */
export function pforEach<V>(m: PMap<V>, fn: (value: V, key: string) => void): void {
  for (const mid of m.top) {
    if (mid === undefined) continue
    for (const leaf of mid) if (leaf !== undefined) leaf.forEach(fn)
  }
}

/**
 * Calls `fn` for every key whose value differs between `a` and `b` (added, removed or replaced).
 * Shared subtrees are skipped by identity, so diffing two versions one update apart costs one leaf.
 */
export function pdiff<V>(
  a: PMap<V>,
  b: PMap<V>,
  fn: (key: string, before: V | undefined, after: V | undefined) => void
): void {
  if (a === b) return
  for (let i = 0; i < FAN; i++) {
    const ma = a.top[i]
    const mb = b.top[i]
    if (ma === mb) continue
    for (let j = 0; j < FAN; j++) {
      const la = ma?.[j]
      const lb = mb?.[j]
      if (la === lb) continue
      la?.forEach((v, k) => {
        const w = lb?.get(k)
        if (w !== v || (w === undefined && lb?.has(k) !== true)) fn(k, v, w)
      })
      lb?.forEach((w, k) => {
        if (la?.has(k) !== true) fn(k, undefined, w)
      })
    }
  }
}

export function* pentries<V>(m: PMap<V>): Generator<[string, V]> {
  for (const mid of m.top) {
    if (mid === undefined) continue
    for (const leaf of mid) if (leaf !== undefined) yield* leaf
  }
}

export function* pvalues<V>(m: PMap<V>): Generator<V> {
  for (const [, v] of pentries(m)) yield v
}

/** Builds a map from entries (readbacks); later entries win. */
export function pfromEntries<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
  let out = emptyPMap<V>()
  for (const [key, value] of entries) out = pset(out, key, value)
  return out
}
