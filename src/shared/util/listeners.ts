/**
 * One listener set for every runtime (core, host, shells, renderer), with one error-isolation rule:
 * every listener runs, in the order it was added, even when an earlier one throws; the error goes to
 * the set's `onError` and never back to the code that emitted. A listener added or removed while an
 * emit runs takes effect from the next emit, because the emit walks a copy.
 *
 * Why isolate at all: the emitters are the reducer's flush, the socket's frame handler and the auth
 * state machine. A throwing view or pop-up must not stop the state from reaching the other
 * listeners, nor unwind into the WebSocket library (which would lose the frame).
 */
export type Listener<A extends readonly unknown[]> = (...args: A) => void

export interface ListenerSet<A extends readonly unknown[]> {
  /** Adds a listener; the returned function removes it (calling it twice is harmless). */
  add(listener: Listener<A>): () => void
  emit(...args: A): void
  clear(): void
  readonly size: number
}

/** Where a listener's error goes when the owner does not say: nowhere, silently. */
const ignore = (): void => undefined

export function createListenerSet<A extends readonly unknown[]>(
  onError: (error: unknown) => void = ignore
): ListenerSet<A> {
  const listeners = new Set<Listener<A>>()
  return {
    add(listener) {
      // A wrapper, so the same function added twice is two subscriptions with two removers.
      const entry: Listener<A> = (...args) => listener(...args)
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    emit(...args) {
      for (const listener of [...listeners]) {
        try {
          listener(...args)
        } catch (error) {
          onError(error)
        }
      }
    },
    clear: () => listeners.clear(),
    get size() {
      return listeners.size
    }
  }
}
