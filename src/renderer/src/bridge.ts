/**
 * The ONE place that connects main to the Pinia stores (style anchors §8.13): it subscribes to
 * `onState`/`onStatus`/`onPopup`, loads the first snapshot, applies patches in order and hands each
 * changed view to its store. Call it after `app.use(pinia)`; call the returned function to
 * unsubscribe everything (HMR, tests, window teardown).
 *
 * Ordering: listeners are attached BEFORE `state.get()`, and patches that arrive before the
 * snapshot are buffered and replayed on top of it. Main sends events and replies in order, so the
 * replayed patches are already in the snapshot and replaying them ends in the same state; if a
 * transport ever reordered them, replaying still converges where dropping would lose an update.
 */
import { effectScope, watch } from 'vue'
import type { StatusView } from '../../shared/ipc/status'
import { applyPatches, type StatePatch, type StateSnapshot } from '../../shared/state/patches'
import { ringside, type RingsideApi } from './api'
import { useCallsStore } from './stores/calls'
import { useConnectionStore } from './stores/connection'
import { useLinesStore } from './stores/lines'
import { useSignInStore } from './stores/sign-in'
import { useSessionsStore } from './stores/sessions'
import { useSettingsStore } from './stores/settings'
import { useToastsStore } from './stores/toasts'

export interface BridgeOptions {
  /** Defaults to `window.ringside`. */
  readonly api?: RingsideApi
  /** Waits between failed `state.get()` attempts; the last one repeats. */
  readonly retryDelaysMs?: readonly number[]
  /**
   * Browser mode: called when the loopback socket came back. Patches sent while it was down are
   * lost, so the whole snapshot is fetched again.
   */
  readonly onReconnect?: (listener: () => void) => () => void
}

/** Patches buffered before the snapshot beyond this are dropped: the snapshot contains them. */
const MAX_BUFFERED = 10_000

/**
 * Starts the bridge and resolves once the first snapshot is in the stores (or the bridge was
 * disposed while it waited). Resolves to the disposer.
 */
export async function startBridge(options: BridgeOptions = {}): Promise<() => void> {
  const api = options.api ?? ringside()
  const delays = options.retryDelaysMs ?? [500, 1000, 2000, 5000]
  const signIn = useSignInStore()
  const connection = useConnectionStore()
  const lines = useLinesStore()
  const calls = useCallsStore()
  const sessions = useSessionsStore()
  const settings = useSettingsStore()
  const toasts = useToastsStore()

  let snapshot: StateSnapshot | null = null
  let buffered: StatePatch[] = []
  let disposed = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let wake: (() => void) | undefined

  /** Hands every view whose identity changed to its store (applyPatches keeps the rest). */
  function publish(next: StateSnapshot, prev: StateSnapshot | null): void {
    if (prev?.lines !== next.lines) lines.setLines(next.lines)
    if (
      prev === null ||
      prev.ringingLines !== next.ringingLines ||
      prev.heldCalls !== next.heldCalls ||
      prev.parkedCalls !== next.parkedCalls ||
      prev.myCalls !== next.myCalls
    )
      calls.setViews(next, prev === null)
    if (prev !== null && prev.ringingLines !== next.ringingLines) {
      toasts.keepPopups(new Set(next.ringingLines.map((r) => r.telephonySessionId ?? r.id)))
    }
    if (prev?.accountSessions !== next.accountSessions) sessions.setSessions(next.accountSessions)
  }

  function onPatches(patches: readonly StatePatch[]): void {
    if (disposed) return
    if (snapshot === null) {
      buffered = buffered.length + patches.length > MAX_BUFFERED ? [] : [...buffered, ...patches]
      return
    }
    const next = applyPatches(snapshot, patches)
    publish(next, snapshot)
    snapshot = next
  }

  function onStatus(status: StatusView): void {
    if (disposed) return
    signIn.applyAuth(status.auth)
    connection.apply(status)
  }

  /** Replaces the state wholesale (after a reconnect): patches may have been lost meanwhile. */
  async function reload(): Promise<void> {
    const r = await api.state.get()
    if (disposed || !r.ok) return
    onStatus(r.value.status)
    publish(r.value.snapshot, snapshot)
    snapshot = r.value.snapshot
  }

  const offs: Array<() => void> = [
    ...(options.onReconnect ? [options.onReconnect(() => void reload())] : []),
    api.onState(({ patches }) => onPatches(patches)),
    api.onStatus(onStatus),
    api.onPopup((p) => {
      if (!disposed) toasts.popup(p)
    })
  ]

  // Settings and the device list follow the sign-in: signed in, they are worth loading.
  const scope = effectScope(true)
  scope.run(() => {
    watch(
      () => signIn.signedIn,
      (signedIn) => {
        if (!signedIn) return
        void settings.load()
        void settings.loadDevices()
      }
    )
  })

  const dispose = (): void => {
    if (disposed) return
    disposed = true
    for (const off of offs) off()
    scope.stop()
    if (retryTimer !== undefined) clearTimeout(retryTimer)
    wake?.()
  }

  void settings.load()
  for (let attempt = 0; !disposed; attempt++) {
    const r = await api.state.get()
    if (disposed) break
    if (r.ok) {
      onStatus(r.value.status)
      const first =
        buffered.length > 0 ? applyPatches(r.value.snapshot, buffered) : r.value.snapshot
      buffered = []
      publish(first, null)
      snapshot = first
      connection.setReady()
      break
    }
    connection.setLoadError(`Ringside could not load its state: ${r.error.message}`)
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000
    await new Promise<void>((resolve) => {
      wake = resolve
      retryTimer = setTimeout(resolve, delay)
    })
  }
  return dispose
}
