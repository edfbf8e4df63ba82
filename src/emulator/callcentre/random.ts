/**
 * The call centre's only source of randomness. Everything the engine invents (ids, SIP tags, who
 * answers) comes from here, so the same seed and the same commands replay the same event stream.
 * mulberry32: tiny, fast, good enough for simulation (not for anything secret).
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  pick<T>(items: ReadonlyArray<T>): T
  /** A new shuffled copy. */
  shuffle<T>(items: ReadonlyArray<T>): T[]
  /** `length` lowercase hex digits. */
  hex(length: number): string
  /** `length` characters of [0-9a-z]. */
  base36(length: number): string
  /** `length` decimal digits, never starting with 0. */
  digits(length: number): string
}

/** Seeds may be numbers or strings (CLI `--seed demo`); strings are hashed to 32 bits (FNV-1a). */
export function seedToInt(seed: number | string): number {
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed >>> 0
  const text = String(seed)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const GOLDEN = 0x6d2b79f5

/** mulberry32's output for a state (the state has been advanced by GOLDEN first). */
function mix(state: number): number {
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/**
 * The first draw of `createRng(seed)`, without making a generator: for pure per-key decisions
 * asked on every event (the variety's), where a generator per question was a cost of its own.
 */
export const firstDraw = (seed: number | string): number => mix((seedToInt(seed) + GOLDEN) >>> 0)

export function createRng(seed: number | string): Rng {
  let state = seedToInt(seed)
  const next = (): number => {
    state = (state + GOLDEN) >>> 0
    return mix(state)
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const chars = (alphabet: string, length: number): string => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)]
    return out
  }
  return {
    next,
    int,
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: ReadonlyArray<T>): T => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]!
    },
    shuffle: <T>(items: ReadonlyArray<T>): T[] => {
      const out = items.slice()
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        const tmp = out[i]!
        out[i] = out[j]!
        out[j] = tmp
      }
      return out
    },
    hex: (length: number): string => chars('0123456789abcdef', length),
    base36: (length: number): string => chars('0123456789abcdefghijklmnopqrstuvwxyz', length),
    digits: (length: number): string => String(int(1, 9)) + chars('0123456789', length - 1)
  }
}
