/**
 * The renderer's one handle on main: `window.ringside`, typed by the preload's declaration. Stores
 * read it lazily (inside actions, never at import time) so tests can install a fake first and
 * browser mode can install the web bridge before the app mounts.
 */
import type { Envelope } from '../../shared/ipc/contract'

export type RingsideApi = Window['ringside']
export type { Envelope }

/** The API main exposes; throws only if the app was started without one (a wiring bug). */
export function ringside(): RingsideApi {
  if (!('ringside' in window))
    throw new Error('window.ringside is missing: the bridge never loaded')
  return window.ringside
}

/** The error message of a failed envelope, or null on success. */
export function errorOf<T>(r: Envelope<T>): string | null {
  return r.ok ? null : r.error.message || 'Something went wrong; try again.'
}
