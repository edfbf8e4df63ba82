import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, reactive, shallowRef } from 'vue'
import type { PartyItem, SessionDirection, SessionItem } from '../../../shared/state/view-types'

/**
 * The status codes of the telephony filter's `statusCode` parameter
 * (docs/platform.md#telephony-session-filters), from the shared filter model.
 */
export { STATUS_CODES } from '../../../shared/filters/model'

/**
 * Filters over the live table, after the account telephony-session query parameters
 * (docs/platform.md#telephony-session-filters), applied on the client to what is already
 * subscribed. `null`/'' means "any". Direction and missed are the CALL's, from the account's point
 * of view (docs/platform.md#session-direction-and-missed): the platform's per-party parameters
 * would let every inbound call through "Outbound" too, since its caller's leg is Outbound.
 */
export interface SessionFilters {
  direction: SessionDirection | null
  missedCall: boolean | null
  phoneNumber: string
  statusCode: string | null
  withRecordings: boolean
}

const NO_FILTERS: Readonly<SessionFilters> = {
  direction: null,
  missedCall: null,
  phoneNumber: '',
  statusCode: null,
  withRecordings: false
}

const digits = (s: string): string => s.replace(/\D/g, '')

/** Like the platform: a session passes the party filters when one party passes them all. */
export function partyMatches(p: PartyItem, f: Readonly<SessionFilters>): boolean {
  if (f.statusCode !== null && p.status !== f.statusCode) return false
  if (f.withRecordings && p.recordings === 0) return false
  const wanted = digits(f.phoneNumber)
  if (wanted !== '') {
    // Agents type fragments ("5550"); the platform wants full E.164. Match digits, anywhere.
    const numbers = [p.from.number, p.to.number].map((n) => digits(n ?? ''))
    if (!numbers.some((n) => n.includes(wanted))) return false
  }
  return true
}

/** Direction and missed are the session's own; the rest must hold together on one party. */
export function sessionMatches(s: SessionItem, f: Readonly<SessionFilters>): boolean {
  if (f.direction !== null && s.direction !== f.direction) return false
  if (f.missedCall !== null && s.missed !== f.missedCall) return false
  return s.parties.some((p) => partyMatches(p, f))
}

/**
 * Supervisors' live table of the account's telephony sessions (calls), behind the Sessions view.
 * The agent's own sign-in is the sign-in store's (sign-in.ts).
 */
export const useSessionsStore = defineStore('sessions', () => {
  const sessions = shallowRef<readonly SessionItem[]>([])
  const filters = reactive<SessionFilters>({ ...NO_FILTERS })

  const active = computed(
    () =>
      filters.direction !== null ||
      filters.missedCall !== null ||
      filters.phoneNumber.trim() !== '' ||
      filters.statusCode !== null ||
      filters.withRecordings
  )
  const matching = computed((): readonly SessionItem[] =>
    active.value ? sessions.value.filter((s) => sessionMatches(s, filters)) : sessions.value
  )
  /**
   * Newest first, every matching session: the grid renders only the rows in view
   * (SessionsGrid.vue), so its DOM costs what is in view. Not capped here: the store holds what
   * main's view holds, one item per live session of the account, and the core already bounds the
   * sessions it keeps (SESSION_CAPACITY in src/main/core/state/limits.ts).
   */
  const visible = computed(() => [...matching.value].reverse())
  function setSessions(next: readonly SessionItem[]): void {
    sessions.value = next
  }

  function setFilters(patch: Partial<SessionFilters>): void {
    Object.assign(filters, patch)
  }

  function clearFilters(): void {
    Object.assign(filters, NO_FILTERS)
  }

  function $reset(): void {
    sessions.value = []
    clearFilters()
  }

  return {
    sessions,
    filters,
    active,
    matching,
    visible,
    setSessions,
    setFilters,
    clearFilters,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionsStore, import.meta.hot))
