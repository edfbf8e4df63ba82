/**
 * Bounded memory by generations: keys go into `current`; when it holds `limit` keys it becomes
 * `previous` and the old `previous` is dropped whole. A lookup checks both. So the last `limit` keys
 * are always remembered, never more than `2 × limit` are held, and eviction is FIFO by halves.
 *
 * Why not an exact LRU: an immutable LRU needs a persistent ordered structure per update; two
 * persistent maps give the same guarantee ("at least the last N") for a fraction of the code and
 * with O(1) amortised work per insert.
 */
import { emptyPMap, pget, phas, pset, type PMap } from './pmap'

export interface Generations<V> {
  readonly current: PMap<V>
  readonly previous: PMap<V>
}

export const emptyGenerations = <V>(): Generations<V> => ({
  current: emptyPMap<V>(),
  previous: emptyPMap<V>()
})

export function genHas<V>(g: Generations<V>, key: string): boolean {
  return phas(g.current, key) || phas(g.previous, key)
}

export function genGet<V>(g: Generations<V>, key: string): V | undefined {
  return pget(g.current, key) ?? pget(g.previous, key)
}

export const genSize = <V>(g: Generations<V>): number => g.current.size + g.previous.size

export interface GenAdd<V> {
  readonly generations: Generations<V>
  /** The generation dropped by this insert, if it rotated: its keys are now forgotten. */
  readonly dropped?: PMap<V>
}

/** Adds or overwrites `key` in the current generation, rotating when it is full. */
export function genSet<V>(g: Generations<V>, key: string, value: V, limit: number): GenAdd<V> {
  const current = pset(g.current, key, value)
  if (current.size < limit) return { generations: { current, previous: g.previous } }
  return {
    generations: { current: emptyPMap<V>(), previous: current },
    dropped: g.previous
  }
}
