import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  HeldCallItem,
  LineItem,
  LineStatus,
  RingingItem
} from '../../../shared/state/view-types'
import { useCallsStore } from './calls'
import { matchesSearch, searchKey } from '../../../shared/util/search'

const NO_COUNTS: Readonly<Record<LineStatus, number>> = {
  available: 0,
  busy: 0,
  ringing: 0,
  'on-hold': 0,
  parked: 0,
  offline: 0,
  dnd: 0,
  hidden: 0,
  unknown: 0
}

/**
 * Items are immutable (a patch replaces the object), so the search text (src/shared/util/search.ts:
 * no case, no accents) can be cached
 * per object: typing in the filter box then costs one `includes` per line, not a rebuild.
 */
const haystacks = new WeakMap<LineItem, string>()
function haystackOf(line: LineItem): string {
  let h = haystacks.get(line)
  if (h === undefined) {
    h = searchKey(`${line.name} ${line.extensionNumber ?? ''}`)
    haystacks.set(line, h)
  }
  return h
}

/** First call per extension: a board tile shows one call, the pane shows them all. */
function firstByLine<T extends { readonly extensionId: string }>(
  calls: readonly T[]
): ReadonlyMap<string, T> {
  const map = new Map<string, T>()
  for (const c of calls) if (!map.has(c.extensionId)) map.set(c.extensionId, c)
  return map
}

/** The board: monitored lines and favorites, their statuses, and the filter over them. */
export const useLinesStore = defineStore('lines', () => {
  const calls = useCallsStore()
  /** Board order (monitored first, then favorites), as main sorted them. */
  const lines = shallowRef<readonly LineItem[]>([])
  /** Name or extension number the agent typed. */
  const query = ref('')
  /** Show only lines in this status (set from the counts in the header). */
  const statusFilter = ref<LineStatus | null>(null)

  const filtered = computed((): readonly LineItem[] => {
    const q = query.value.trim()
    const s = statusFilter.value
    if (q === '' && s === null) return lines.value
    return lines.value.filter(
      (l) => (s === null || l.status === s) && (q === '' || matchesSearch(haystackOf(l), q))
    )
  })

  const counts = computed((): Readonly<Record<LineStatus, number>> => {
    const out: Record<LineStatus, number> = { ...NO_COUNTS }
    for (const l of lines.value) out[l.status]++
    return out
  })

  const ringingByLine = computed((): ReadonlyMap<string, RingingItem> => firstByLine(calls.ringing))
  const heldByLine = computed((): ReadonlyMap<string, HeldCallItem> => firstByLine(calls.held))

  function setLines(next: readonly LineItem[]): void {
    lines.value = next
  }

  function setQuery(q: string): void {
    query.value = q
  }

  /** Toggles the status filter: choosing the active status again shows every line. */
  function toggleStatus(s: LineStatus): void {
    statusFilter.value = statusFilter.value === s ? null : s
  }

  function $reset(): void {
    lines.value = []
    query.value = ''
    statusFilter.value = null
  }

  return {
    lines,
    query,
    statusFilter,
    filtered,
    counts,
    ringingByLine,
    heldByLine,
    setLines,
    setQuery,
    toggleStatus,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLinesStore, import.meta.hot))
