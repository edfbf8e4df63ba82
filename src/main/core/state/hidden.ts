/**
 * Lines whose presence the platform will not show the agent (docs/platform.md#hidden-presence):
 * the colleague turned the publication of their status off. Two sources mark a line, each replacing
 * only its own marks:
 * - `subscription`: the presence filter for the line was dropped into the subscription's
 *   `disabledFilters`; every fresh subscription replaces these marks;
 * - `readback`: the line's REST presence was refused (403); every readback replaces these.
 * A readback that reads a line's presence, or a presence event about it (the platform sends none
 * for a hidden user), clears its mark whatever the source: the line is visible again.
 */
import { parseFilter } from '../../../shared/filters'
import { pdelete, pforEach, pget, pset, type PMap } from './pmap'
import type { Change, CoreState, HiddenLine, HiddenPresence } from './types'

interface Refused {
  readonly filter: string
  readonly reason: string
  readonly message?: string
}

/**
 * Splits a subscription's `disabledFilters`: a colleague's presence filter is a hidden line (the
 * agent's own presence filter is not: that is a permission the app lacks); the rest are features.
 */
export function hiddenLinesOf<R extends Refused>(
  refused: readonly R[],
  ownerId: string | null
): { readonly lines: HiddenLine[]; readonly rest: R[] } {
  const lines: HiddenLine[] = []
  const rest: R[] = []
  for (const r of refused) {
    const parsed = parseFilter(r.filter)
    const id =
      parsed.ok && parsed.filter.kind === 'extension-presence' ? parsed.filter.extensionId : '~'
    if (id === '~' || id === ownerId) rest.push(r)
    else lines.push({ extensionId: id, reason: r.message ? `${r.reason}: ${r.message}` : r.reason })
  }
  return { lines, rest }
}

/** Replaces the marks of `source` with `lines`; `cleared` loses its marks of any source. */
export function replaceHidden(
  state: CoreState,
  source: HiddenPresence['source'],
  lines: readonly HiddenLine[],
  cleared: Iterable<string> = []
): { readonly state: CoreState; readonly changes: Change[] } {
  let hidden: PMap<HiddenPresence> = state.hidden
  const touched = new Set<string>()
  pforEach(state.hidden, (mark, id) => {
    if (mark.source !== source) return
    hidden = pdelete(hidden, id)
    touched.add(id)
  })
  for (const id of cleared) {
    if (pget(hidden, id) === undefined) continue
    hidden = pdelete(hidden, id)
    touched.add(id)
  }
  for (const line of lines) {
    hidden = pset(hidden, line.extensionId, { reason: line.reason, source })
    touched.add(line.extensionId)
  }
  const changes: Change[] = [...touched].map((extensionId) => ({ kind: 'presence', extensionId }))
  return { state: hidden === state.hidden ? state : { ...state, hidden }, changes }
}

/** A presence event about `extensionId` arrived: the platform shows it, so it is not hidden. */
export function seenPresence(state: CoreState, extensionId: string): CoreState {
  if (pget(state.hidden, extensionId) === undefined) return state
  return { ...state, hidden: pdelete(state.hidden, extensionId) }
}
