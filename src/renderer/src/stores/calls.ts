import { acceptHMRUpdate, defineStore } from 'pinia'
import { useBriefRings } from './brief-rings'
import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type {
  CallItem,
  HeldCallItem,
  MyCallItem,
  ParkedCallItem,
  RingingItem,
  SipTags
} from '../../../shared/state/view-types'
import type { StateSnapshot } from '../../../shared/state/patches'
import type { CallOutcome } from '../../../shared/ipc/contract'
import type { Envelope } from '../api'
import { createSinceTracker, type SinceEntry } from '../lib/since'
import { createStableList } from '../lib/stable'
import { cleanText } from '../../../shared/util/text'
import { useToastsStore } from './toasts'
import { perform, PHONE_CODES } from './call-actions'

export type CallAction = 'pickUpParked' | 'answer' | 'hold' | 'unhold' | 'pickUp'

/** Anything that names a party of a telephony session. */
export interface CallRef {
  readonly telephonySessionId: string | null
  readonly partyId: string | null
}

export interface CallError {
  readonly action: CallAction
  readonly code: string
  readonly message: string
  /** The call's situation when it failed (situationOf); null when it was not on screen. */
  readonly situation?: string | null
}

/** One ringing call as the agent thinks of it: a queue call ringing three lines is ONE call. */
export interface RingingGroup {
  /** The telephony session id (or the item id while it is unknown). */
  readonly key: string
  /** The item actions use: the first one that can be picked up, else the first. */
  readonly lead: RingingItem
  readonly lineNames: readonly string[]
}

type CallViews = Pick<StateSnapshot, 'ringingLines' | 'heldCalls' | 'parkedCalls' | 'myCalls'>

/**
 * What a call is doing, as far as an error about it goes: a failure stays beside the call until
 * this changes (the call moved on, or its tags did), so a stale message never outlives its cause.
 */
function situationOf(
  c: CallRef & { readonly kind?: string; readonly sip?: SipTags | null }
): string {
  return `${c.kind ?? ''}|${c.sip?.callId ?? ''}|${c.sip?.toTag ?? ''}|${c.sip?.fromTag ?? ''}`
}

/** The key actions and errors are filed under; null when the call cannot be acted on yet. */
export function callKey(c: CallRef): string | null {
  return c.telephonySessionId !== null && c.partyId !== null
    ? `${c.telephonySessionId}:${c.partyId}`
    : null
}

/** Keys of the monotonic "since" timers: a call that changes state restarts its timer. */
export const sinceKey = {
  ringing: (c: RingingItem): string => `r|${c.id}`,
  held: (c: HeldCallItem): string => `h|${c.id}`,
  parked: (c: ParkedCallItem): string => `p|${c.id}`,
  mine: (c: MyCallItem): string => `m|${c.id}`,
  /** How long a call has been on hold, its own figure beside the call's age. */
  hold: (c: CallItem): string => `hold|${c.id}`
}

const FAILED_TITLE: Readonly<Record<CallAction, string>> = {
  pickUpParked: 'Could not pick up the call',
  pickUp: 'Could not pick up the call',
  answer: 'Could not answer the call',
  hold: 'Could not put the call on hold',
  unhold: 'Could not resume the call'
}

/**
 * Ringing monitored-line calls grouped by session. The agent's own line may be monitored too:
 * its ringing leg is already one of `myCalls` (with Answer), so it is left out here.
 */
function groupRinging(
  ringing: readonly RingingItem[],
  myCalls: readonly MyCallItem[]
): readonly RingingGroup[] {
  const mine = new Set(myCalls.map((c) => `${c.extensionId}|${c.telephonySessionId}`))
  const groups = new Map<string, RingingItem[]>()
  for (const r of ringing) {
    if (mine.has(`${r.extensionId}|${r.telephonySessionId}`)) continue
    const key = r.telephonySessionId ?? r.id
    const list = groups.get(key)
    if (list) list.push(r)
    else groups.set(key, [r])
  }
  return [...groups].map(([key, items]) => ({
    key,
    lead: items.find((i) => i.canPickUp) ?? items[0]!,
    lineNames: items.map((i) => i.lineName)
  }))
}

/** One timer per call from its start, and one per hold from when the hold began. */
function sinceEntries(v: CallViews): SinceEntry[] {
  const holds = [...v.heldCalls, ...v.myCalls.filter((c) => c.state === 'held')]
  return [
    ...v.ringingLines.map((c) => ({ key: sinceKey.ringing(c), startTime: c.startTime })),
    ...v.heldCalls.map((c) => ({ key: sinceKey.held(c), startTime: c.startTime })),
    ...v.parkedCalls.map((c) => ({ key: sinceKey.parked(c), startTime: c.since })),
    ...v.myCalls.map((c) => ({ key: sinceKey.mine(c), startTime: c.startTime })),
    ...holds.map((c) => ({ key: sinceKey.hold(c), startTime: c.stateSince }))
  ]
}

/** The calls as main last sent them, and when each entered its state. */
interface CallViewState {
  /** Monitored lines that are ringing now (one item per line and call). */
  readonly ringing: ShallowRef<readonly RingingItem[]>
  readonly held: ShallowRef<readonly HeldCallItem[]>
  readonly parked: ShallowRef<readonly ParkedCallItem[]>
  /** The agent's own calls, in any state. */
  readonly myCalls: ShallowRef<readonly MyCallItem[]>
  readonly hasCalls: ComputedRef<boolean>
  readonly ringingGroups: ComputedRef<readonly RingingGroup[]>
  /** Replaces the call views and keeps the duration timers in step. */
  replace(v: CallViews): void
  /** Every call shown now: its key → what it is doing (state and SIP tags). */
  liveKeys(): ReadonlyMap<string, string>
  sinceOf(key: string): number | undefined
  reset(): void
}

function useCallViews(): CallViewState {
  const ringing = shallowRef<readonly RingingItem[]>([])
  const held = shallowRef<readonly HeldCallItem[]>([])
  const parked = shallowRef<readonly ParkedCallItem[]>([])
  const myCalls = shallowRef<readonly MyCallItem[]>([])
  const since = createSinceTracker()

  const hasCalls = computed(() => ringing.value.length > 0 || myCalls.value.length > 0)
  // A group that did not change keeps its object, so its card does not re-render (lib/stable.ts).
  const stableGroups = createStableList<RingingGroup>((g) => g.key)
  const ringingGroups = computed(() => stableGroups(groupRinging(ringing.value, myCalls.value)))

  function replace(v: CallViews): void {
    ringing.value = v.ringingLines
    held.value = v.heldCalls
    parked.value = v.parkedCalls
    myCalls.value = v.myCalls
    since.update(sinceEntries(v))
  }
  function liveKeys(): Map<string, string> {
    const live = new Map<string, string>()
    const lists: ReadonlyArray<ReadonlyArray<CallRef & { kind: string; sip?: SipTags | null }>> = [
      ringing.value.map((c) => ({ ...c, kind: 'ringing' })),
      held.value.map((c) => ({ ...c, kind: 'held' })),
      myCalls.value.map((c) => ({ ...c, kind: c.state })),
      parked.value.map((c) => ({ ...c, kind: 'parked' }))
    ]
    for (const list of lists)
      for (const c of list) {
        const k = callKey(c)
        if (k !== null && !live.has(k)) live.set(k, situationOf(c))
      }
    return live
  }
  const sinceOf = (key: string): number | undefined => since.get(key)
  function reset(): void {
    ringing.value = []
    held.value = []
    parked.value = []
    myCalls.value = []
    since.clear()
  }
  return {
    ringing,
    held,
    parked,
    myCalls,
    hasCalls,
    ringingGroups,
    replace,
    liveKeys,
    sinceOf,
    reset
  }
}

/** Tells the agent how an action ended, in a toast (hold and unhold succeed silently). */
function announce(
  toasts: ReturnType<typeof useToastsStore>,
  action: CallAction,
  r: Envelope<CallOutcome>
): void {
  if (!r.ok) {
    toasts.push({ kind: 'error', title: FAILED_TITLE[action], body: r.error.message })
    return
  }
  // Main names the device it used ("this computer" only while Ringside's phone is registered);
  // without one, "your phone" is still true.
  const device = r.value.device ? cleanText(r.value.device, 40) : 'your phone'
  if (action === 'pickUp' || action === 'pickUpParked')
    toasts.push({ kind: 'success', title: `Picked up — the call is on ${device}` })
  else if (action === 'answer')
    toasts.push({ kind: 'success', title: `Answered — the call is on ${device}` })
}

/** The actions the agent started: one per call at a time, and the last failure beside each. */
interface CallActionState {
  /** callKey → the action running on it. One action per call at a time (no double pickups). */
  readonly pending: Ref<Record<string, CallAction>>
  /** callKey → the last failure, shown beside the call until it changes or goes. */
  readonly errors: Ref<Record<string, CallError>>
  pendingOf(c: CallRef): CallAction | null
  errorOf(c: CallRef): CallError | null
  clearError(c: CallRef): void
  /** Errors about calls that no longer exist, or whose situation changed, would only confuse. */
  pruneErrors(live: () => ReadonlyMap<string, string>): void
  /** Drops the errors a change of the phone's registration makes stale. */
  clearPhoneErrors(): void
  /**
   * Runs one call action: refuses a second action on the same call while one runs, records the
   * outcome beside the call and tells the agent in a toast. Resolves true on success.
   */
  run(action: CallAction, c: CallRef, situation?: () => string | null): Promise<boolean>
  reset(): void
}

function useCallActions(): CallActionState {
  const pending = ref<Record<string, CallAction>>({})
  const errors = ref<Record<string, CallError>>({})

  const pendingOf = (c: CallRef): CallAction | null => {
    const k = callKey(c)
    return k === null ? null : (pending.value[k] ?? null)
  }
  const errorOf = (c: CallRef): CallError | null => {
    const k = callKey(c)
    return k === null ? null : (errors.value[k] ?? null)
  }
  function clearError(c: CallRef): void {
    const k = callKey(c)
    if (k === null || !(k in errors.value)) return
    const { [k]: _gone, ...rest } = errors.value
    errors.value = rest
  }
  function pruneErrors(live: () => ReadonlyMap<string, string>): void {
    const keys = Object.keys(errors.value)
    if (keys.length === 0) return
    const shown = live()
    const kept: Record<string, CallError> = {}
    for (const k of keys) {
      const e = errors.value[k]!
      const now = shown.get(k)
      if (now === undefined) continue
      if (e.situation != null && e.situation !== now) continue
      kept[k] = e
    }
    errors.value = kept
  }
  function clearPhoneErrors(): void {
    const kept: Record<string, CallError> = {}
    for (const [k, e] of Object.entries(errors.value)) if (!PHONE_CODES.has(e.code)) kept[k] = e
    errors.value = kept
  }

  async function run(
    action: CallAction,
    c: CallRef,
    situation: () => string | null = () => null
  ): Promise<boolean> {
    const key = callKey(c)
    if (key === null || c.telephonySessionId === null || c.partyId === null) return false
    if (pending.value[key] !== undefined) return false
    pending.value = { ...pending.value, [key]: action }
    clearError(c)
    const toasts = useToastsStore()
    try {
      const r = await perform(action, c.telephonySessionId, c.partyId)
      if (!r.ok)
        errors.value = { ...errors.value, [key]: { action, ...r.error, situation: situation() } }
      announce(toasts, action, r)
      return r.ok
    } finally {
      const { [key]: _done, ...rest } = pending.value
      pending.value = rest
    }
  }
  function reset(): void {
    pending.value = {}
    errors.value = {}
  }
  return {
    pending,
    errors,
    pendingOf,
    errorOf,
    clearError,
    pruneErrors,
    clearPhoneErrors,
    run,
    reset
  }
}

/** The calls the agent can act on, and the state of each action the agent started. */
export const useCallsStore = defineStore('calls', () => {
  const views = useCallViews()
  const actions = useCallActions()
  const brief = useBriefRings()

  /** Replaces the call views (from the bridge) and keeps the duration timers in step. */
  function setViews(v: CallViews): void {
    views.replace(v)
    actions.pruneErrors(views.liveKeys)
  }
  const situationNow = (c: CallRef) => (): string | null => {
    const k = callKey(c)
    return k === null ? null : (views.liveKeys().get(k) ?? null)
  }

  /** Takes a parked call onto the agent's preferred device (REST pickup). */
  const pickUpParked = (c: CallRef): Promise<boolean> =>
    actions.run('pickUpParked', c, situationNow(c))
  /** Answers the agent's own ringing call on the preferred device. */
  const answer = (c: CallRef): Promise<boolean> => actions.run('answer', c)
  const hold = (c: CallRef): Promise<boolean> => actions.run('hold', c)
  const unhold = (c: CallRef): Promise<boolean> => actions.run('unhold', c)
  /** Takes a ringing or held call on a monitored line over SIP, with Ringside's phone. */
  const pickUp = (c: CallRef): Promise<boolean> => actions.run('pickUp', c, situationNow(c))

  function $reset(): void {
    views.reset()
    actions.reset()
    brief.reset()
  }

  return {
    ringing: views.ringing,
    held: views.held,
    parked: views.parked,
    myCalls: views.myCalls,
    pending: actions.pending,
    errors: actions.errors,
    hasCalls: views.hasCalls,
    ringingGroups: views.ringingGroups,
    setViews,
    /** Calls that rang and stopped between two frames (stores/brief-rings.ts). */
    briefRingCount: brief.count,
    briefRings: brief.latest,
    noteBriefRings: brief.note,
    sinceOf: views.sinceOf,
    pendingOf: actions.pendingOf,
    errorOf: actions.errorOf,
    clearError: actions.clearError,
    clearPhoneErrors: actions.clearPhoneErrors,
    pickUpParked,
    answer,
    hold,
    unhold,
    pickUp,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCallsStore, import.meta.hot))
