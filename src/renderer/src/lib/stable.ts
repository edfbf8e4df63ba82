/**
 * Keeps the identity of list items that did not change. A computed list rebuilt from the stores
 * makes new objects every time, so every component bound to one re-renders, though only one item
 * changed: at a few hundred ringing calls that is every card in view on every frame. Passing the
 * previous object when the new one is equal lets Vue skip the components whose props are the
 * same, and the previous array when no item changed lets the watchers of the list skip the frame.
 */

/** Equal own values, by identity; arrays (such as line names) element by element. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  for (const k of ka) if (!(k in rb) || !sameValue(ra[k], rb[k])) return false
  return true
}

/** A function that returns `items` with the unchanged ones (by key) replaced by their earlier copy. */
export function createStableList<T extends object>(
  keyOf: (item: T) => string
): (items: readonly T[]) => readonly T[] {
  let last: readonly T[] = []
  let byKey = new Map<string, T>()
  return (items) => {
    const next = new Map<string, T>()
    let same = items.length === last.length
    const out = items.map((item, i) => {
      const key = keyOf(item)
      const before = byKey.get(key)
      const kept = before !== undefined && shallowEqual(before, item) ? before : item
      next.set(key, kept)
      if (same && last[i] !== kept) same = false
      return kept
    })
    byKey = next
    if (same) return last
    last = out
    return out
  }
}
