/**
 * The ONE place that connects main to the Pinia stores (docs/architecture.md#a-notifications-path):
 * it subscribes to `onState`/`onStatus`/`onPopup`, loads the first snapshot, applies patches in
 * order and hands each changed view to its store. Call it after `app.use(pinia)`; call the
 * returned function to unsubscribe everything (HMR, tests, window teardown).
 *
 * Ordering: listeners are attached BEFORE `state.get()`, and patches that arrive before the
 * snapshot are buffered and replayed on top of it. Main sends events and replies in order, so the
 * replayed patches are already in the snapshot and replaying them ends in the same state; if a
 * transport ever reordered them, replaying still converges where dropping would lose an update.
 */
import { type EffectScope, effectScope, watch } from 'vue'
import type { ResultOf } from '../../shared/ipc/contract'
import type { PopupView, StatusView } from '../../shared/ipc/status'
import { applyPatches, type StatePatch, type StateSnapshot } from '../../shared/state/patches'
import { createSnapshotMirror, type SnapshotMirror } from '../../shared/state/mirror'
import { briefRings } from '../../shared/state/brief-rings'
import { heldPopupTag, ringingPopupTag } from '../../shared/ipc/open-call'
import { createFrameBatch, type FrameBatch, type FrameScheduler } from './lib/frame-batch'
import { ringside, type RingsideApi } from './api'
import { useCallsStore } from './stores/calls'
import { useConnectionStore } from './stores/connection'
import { useLinesStore } from './stores/lines'
import { useSignInStore } from './stores/sign-in'
import { useSessionsStore } from './stores/sessions'
import { useSettingsStore } from './stores/settings'
import { useOpenCallStore } from './stores/open-call'
import { usePopupsStore } from './stores/popups'
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
  /**
   * When patches reach the stores. Without it, each message at once; the app passes
   * `nextFrame()` (lib/frame-batch.ts): every message that arrives before the next frame is
   * applied in one batch, so a burst costs one store update and one render per frame.
   */
  readonly frames?: FrameScheduler
}

/** Patches buffered before the snapshot beyond this are dropped: the snapshot contains them. */
const MAX_BUFFERED = 10_000

/** The stores the bridge feeds. */
interface Stores {
  readonly signIn: ReturnType<typeof useSignInStore>
  readonly connection: ReturnType<typeof useConnectionStore>
  readonly lines: ReturnType<typeof useLinesStore>
  readonly calls: ReturnType<typeof useCallsStore>
  readonly sessions: ReturnType<typeof useSessionsStore>
  readonly settings: ReturnType<typeof useSettingsStore>
  readonly toasts: ReturnType<typeof useToastsStore>
  readonly popups: ReturnType<typeof usePopupsStore>
  readonly openCall: ReturnType<typeof useOpenCallStore>
}

function useStores(): Stores {
  return {
    signIn: useSignInStore(),
    connection: useConnectionStore(),
    lines: useLinesStore(),
    calls: useCallsStore(),
    sessions: useSessionsStore(),
    settings: useSettingsStore(),
    toasts: useToastsStore(),
    popups: usePopupsStore(),
    openCall: useOpenCallStore()
  }
}

/** The pop-up tags whose call can still be taken: each ringing call, and each held one. */
function livePopupTags(next: StateSnapshot): Set<string> {
  return new Set([...next.ringingLines.map(ringingPopupTag), ...next.heldCalls.map(heldPopupTag)])
}

/** Closes the toasts and pop-up entries of calls that can no longer be taken. */
function prunePopups(stores: Stores, next: StateSnapshot): void {
  const live = livePopupTags(next)
  stores.toasts.keepPopups(live)
  // Every window prunes, not only the tray pop-up's: an entry nobody shows must not pile up all day.
  stores.popups.keep((entry) => live.has(entry.tag))
}

/** Hands every view whose identity changed to its store (applyPatches keeps the rest). */
function publish(stores: Stores, next: StateSnapshot, prev: StateSnapshot | null): void {
  const { lines, calls, sessions } = stores
  if (prev?.lines !== next.lines) lines.setLines(next.lines)
  if (
    prev === null ||
    prev.ringingLines !== next.ringingLines ||
    prev.heldCalls !== next.heldCalls ||
    prev.parkedCalls !== next.parkedCalls ||
    prev.myCalls !== next.myCalls
  )
    calls.setViews(next)
  if (
    prev !== null &&
    (prev.ringingLines !== next.ringingLines || prev.heldCalls !== next.heldCalls)
  )
    prunePopups(stores, next)
  if (prev?.accountSessions !== next.accountSessions) sessions.setSessions(next.accountSessions)
}

/** Settings and the device list follow the sign-in: signed in, they are worth loading. */
function loadSettingsOnSignIn({ signIn, settings }: Stores): EffectScope {
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
  return scope
}

/** A wait that `cut` ends early (the bridge was disposed while it waited to retry). */
function cuttableSleep(): { sleep(ms: number): Promise<void>; cut(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let wake: (() => void) | undefined
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, ms)
      }),
    cut() {
      if (timer !== undefined) clearTimeout(timer)
      wake?.()
    }
  }
}

/** What waits for the next frame: main's patches and its pop-ups, in the order they came. */
type Incoming =
  | { readonly kind: 'patches'; readonly patches: readonly StatePatch[] }
  | { readonly kind: 'popup'; readonly popup: PopupView }

/**
 * The stores' copy of main's state: the snapshot once loaded, and the patches that arrived before
 * it, which are replayed on top of it.
 */
class Mirror {
  private copy: SnapshotMirror | null = null
  private buffered: StatePatch[] = []
  private stopped = false
  private readonly batch: FrameBatch<Incoming> | null

  constructor(
    private readonly stores: Stores,
    frames: FrameScheduler | undefined
  ) {
    this.batch = frames ? createFrameBatch((items) => this.deliver(items), frames) : null
  }

  /** Disposed: events that still arrive change nothing. */
  get disposed(): boolean {
    return this.stopped
  }

  stop(): void {
    this.stopped = true
    this.batch?.cancel()
  }

  patch(patches: readonly StatePatch[]): void {
    if (this.disposed) return
    if (this.copy === null) {
      this.buffered =
        this.buffered.length + patches.length > MAX_BUFFERED ? [] : [...this.buffered, ...patches]
      return
    }
    if (this.batch) this.batch.push([{ kind: 'patches', patches }])
    else this.applyNow(patches)
  }

  /**
   * A pop-up main announced. With frames it waits for the frame with the patches around it: at
   * 500 calls a second, a toast and a pop-up entry per message would re-render the page between
   * frames, hundreds of times a second.
   */
  popup(popup: PopupView): void {
    if (this.disposed) return
    if (this.batch) this.batch.push([{ kind: 'popup', popup }])
    else this.showPopups([popup])
  }

  /**
   * One frame's worth: every patch first, in order, then the pop-ups, then whatever pop-up is
   * about a call that is no longer there (it rang and stopped inside this frame) is closed again.
   * A pop-up that came before its call's patch finds the call either way.
   */
  private deliver(items: readonly Incoming[]): void {
    const patches: StatePatch[] = []
    const popups: PopupView[] = []
    for (const item of items) {
      if (item.kind === 'patches') for (const p of item.patches) patches.push(p)
      else popups.push(item.popup)
    }
    if (patches.length > 0) this.applyNow(patches)
    if (popups.length > 0) this.showPopups(popups)
  }

  private showPopups(popups: readonly PopupView[]): void {
    if (this.disposed) return
    for (const p of popups) {
      this.stores.toasts.popup(p)
      this.stores.popups.add(p)
    }
    if (this.batch && this.copy !== null) prunePopups(this.stores, this.copy.snapshot)
  }

  /** One batch: the views it touches are re-spliced once, and each store is told once. */
  private applyNow(patches: readonly StatePatch[]): void {
    if (this.disposed || this.copy === null) return
    const prev = this.copy.snapshot
    const next = this.copy.apply(patches)
    if (next !== prev) publish(this.stores, next, prev)
    // A call that rang and stopped inside this batch is in no view a frame draws (the views may
    // not even have changed): it is still counted and announced.
    const brief = briefRings(prev, patches, next)
    if (brief.length > 0) this.stores.calls.noteBriefRings(brief)
  }

  status(status: StatusView): void {
    if (this.disposed) return
    this.stores.signIn.applyAuth(status.auth)
    this.stores.connection.apply(status)
  }

  /** The first state: the buffered patches go on top of it. */
  load(state: ResultOf<'state:get'>): void {
    this.status(state.status)
    const first =
      this.buffered.length > 0 ? applyPatches(state.snapshot, this.buffered) : state.snapshot
    this.buffered = []
    publish(this.stores, first, null)
    this.copy = createSnapshotMirror(first)
  }

  /** Replaces the state wholesale (after a reconnect): patches may have been lost meanwhile. */
  reload(state: ResultOf<'state:get'>): void {
    if (this.disposed) return
    // Whatever is pending was sent before this reply, so the snapshot already holds its result;
    // it is applied first all the same, so a call that rang and stopped inside it is still
    // counted (the snapshot has no trace of it), and its pop-up is shown and closed again.
    this.batch?.flush()
    this.status(state.status)
    publish(this.stores, state.snapshot, this.copy?.snapshot ?? null)
    if (this.copy === null) this.copy = createSnapshotMirror(state.snapshot)
    else this.copy.reset(state.snapshot)
  }
}

/** Follows main's events; returns what unsubscribes them. */
function subscribe(
  api: RingsideApi,
  mirror: Mirror,
  options: BridgeOptions,
  stores: Stores
): Array<() => void> {
  const reload = async (): Promise<void> => {
    const r = await api.state.get()
    if (r.ok) mirror.reload(r.value)
  }
  return [
    ...(options.onReconnect ? [options.onReconnect(() => void reload())] : []),
    api.onState(({ patches }) => mirror.patch(patches)),
    api.onStatus((status) => mirror.status(status)),
    api.onPopup((p) => mirror.popup(p)),
    api.onOpenCall((call) => {
      if (!mirror.disposed) stores.openCall.open(call)
    })
  ]
}

/**
 * Starts the bridge and resolves once the first snapshot is in the stores (or the bridge was
 * disposed while it waited). Resolves to the disposer.
 */
export async function startBridge(options: BridgeOptions = {}): Promise<() => void> {
  const api = options.api ?? ringside()
  const delays = options.retryDelaysMs ?? [500, 1000, 2000, 5000]
  const stores = useStores()
  const mirror = new Mirror(stores, options.frames)
  const offs = subscribe(api, mirror, options, stores)
  const scope = loadSettingsOnSignIn(stores)
  const retry = cuttableSleep()

  const dispose = (): void => {
    if (mirror.disposed) return
    mirror.stop()
    for (const off of offs) off()
    scope.stop()
    retry.cut()
  }

  void stores.settings.load()
  for (let attempt = 0; !mirror.disposed; attempt++) {
    const r = await api.state.get()
    if (mirror.disposed) break
    if (r.ok) {
      mirror.load(r.value)
      stores.connection.setReady()
      break
    }
    stores.connection.setLoadError(`Ringside could not load its state: ${r.error.message}`)
    await retry.sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1000)
  }
  return dispose
}
