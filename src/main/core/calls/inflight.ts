/**
 * One promise per in-flight user action. A double-click, or a renderer that sends the same request
 * twice, gets the first click's promise back instead of a second API call
 * (docs/security.md#rogue-renderer: exactly one API call per user action). The entry is dropped
 * once the action settles, so a later, deliberate retry does go out.
 */
export interface Inflight<T> {
  run(key: string, start: () => Promise<T>): Promise<T>
  readonly size: number
}

export function createInflight<T>(): Inflight<T> {
  const pending = new Map<string, Promise<T>>()
  return {
    run(key, start) {
      const existing = pending.get(key)
      if (existing !== undefined) return existing
      const p = start()
      pending.set(key, p)
      const clear = (): void => {
        if (pending.get(key) === p) pending.delete(key)
      }
      p.then(clear, clear)
      return p
    },
    get size() {
      return pending.size
    }
  }
}
