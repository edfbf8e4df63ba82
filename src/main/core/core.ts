/**
 * Ringside's core, wired in one place: sign-in, the supervised subscription, decoding, the state
 * and its views, resync and diagnostics. It runs unchanged in the Electron main process, in Node for
 * browser mode and the headless runner, and in tests; the platform reaches it only through ports.
 */
import { createAuthService, type AuthService, type AuthState, type ClientCredentials } from './auth'
import type { DemoCredentials } from './auth'
import { callLookup } from './call-lookup'
import {
  type CallControl,
  createCallControl,
  createDeviceDirectory,
  type DeviceDirectory
} from './calls'
import type { ConnectionState, ResyncReason } from './connection/state'
import type { SupervisorOptions } from './connection/supervisor'
import {
  createEventLog,
  supportBundle,
  type EventCounters,
  type EventLogEntry
} from './diagnostics'
import { createIngest } from './ingest'
import { type Browser, type Clock, type PowerEvents, systemClock, type TokenVault } from './ports'
import { SessionRunner } from './session-runner'
import { pget } from './state/pmap'
import { createStore, type SemanticListener, type StateListener, type StateSnapshot } from './state'
import {
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type DisabledFeature,
  type SubscriptionSettings
} from './subscriptions/features'

/** A running emulator for the demo; closed at sign-out. */
export interface DemoHandle extends DemoCredentials {
  close(): Promise<void>
}

export interface CoreOptions {
  readonly vault: TokenVault
  readonly browser: Browser
  readonly appVersion: string
  /** The RingCentral app registration used for browser sign-in (a public PKCE client). */
  readonly client: ClientCredentials
  readonly server?: string
  readonly clock?: Clock
  readonly random?: () => number
  readonly power?: PowerEvents
  readonly subscription?: SubscriptionSettings
  readonly supervisor?: Partial<SupervisorOptions>
  /** Default five minutes. 0 turns the safety poll off. */
  readonly safetyPollMs?: number
  /** Starts the embedded emulator for "Try the demo"; injected so the core does not load it eagerly. */
  readonly startDemo?: () => Promise<DemoHandle>
  readonly auth?: AuthService
  /** The device the agent chose in settings for answers and pickups (the caller persists it). */
  readonly preferredDeviceId?: string
}

export interface CoreStatus {
  readonly auth: AuthState
  readonly connection: ConnectionState
  readonly disabled: readonly DisabledFeature[]
  /** Non-fatal problems from the last directory load or resync (a list that could not be read). */
  readonly problems: readonly string[]
  readonly resync: {
    readonly running: boolean
    readonly reason: ResyncReason | null
    readonly at: string | null
  }
  readonly rateLimitedUntil: number | null
}

export interface Core {
  readonly auth: AuthService
  /** Pickup, answer, hold, unhold: authorised against this core's state, typed results. */
  readonly calls: CallControl
  readonly devices: DeviceDirectory
  status(): CoreStatus
  onStatus(listener: (status: CoreStatus) => void): () => void
  snapshot(): StateSnapshot
  subscribe(listener: StateListener): () => void
  onEvent(listener: SemanticListener): () => void
  /** Starts the embedded emulator and signs in to it. */
  signInDemo(): Promise<void>
  /** Resumes a stored session, if any. */
  start(): Promise<void>
  resync(reason?: ResyncReason): Promise<void>
  diagnostics: {
    counters(): EventCounters
    entries(): EventLogEntry[]
    /** JSON Lines with tokens and SIP credentials redacted. */
    bundle(): string
    connectionProblems(): Readonly<Record<string, number>>
  }
  /** The account's extensions as the directory knows them (names for settings and the board). */
  directory(): ReadonlyArray<{ id: string; name: string; extensionNumber: string; type: string }>
  /** The agent's own Do Not Disturb state, for notification rules. */
  ownDnd(): string | null
  /** Replaces the monitored lines through the line-presence API, then refetches the directory. */
  setMonitoredLines(ids: readonly string[]): Promise<void>
  /** New subscription settings: the subscription is rebuilt when signed in. */
  setSubscriptionSettings(settings: SubscriptionSettings): Promise<void>
  stop(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const auth =
    options.auth ??
    createAuthService({
      vault: options.vault,
      browser: options.browser,
      clock,
      appVersion: options.appVersion,
      client: options.client,
      ...(options.server ? { server: options.server } : {})
    })
  // Views are derived once per I/O turn: under a burst of notifications that is the difference
  // between keeping up and falling seconds behind (npm run bench:ui at 500 events/s).
  const store = createStore({ schedule: (flush) => void setImmediate(flush) })
  const log = createEventLog()
  const platform = (): ReturnType<AuthService['platform']> => auth.platform()
  const devices = createDeviceDirectory({
    platform,
    ...(options.preferredDeviceId ? { preferredId: options.preferredDeviceId } : {})
  })
  const calls = createCallControl({
    platform,
    devices,
    lookup: callLookup(() => store.getSnapshot())
  })
  const connectionProblems: Record<string, number> = {}
  const statusListeners = new Set<(s: CoreStatus) => void>()
  let status: CoreStatus = {
    auth: auth.state,
    connection: { status: 'idle' },
    disabled: [],
    problems: [],
    resync: { running: false, reason: null, at: null },
    rateLimitedUntil: null
  }
  const setStatus = (patch: Partial<CoreStatus>): void => {
    status = { ...status, ...patch }
    for (const l of [...statusListeners]) l(status)
  }

  let subscription = options.subscription ?? DEFAULT_SUBSCRIPTION_SETTINGS
  let runner: SessionRunner | undefined
  let demo: DemoHandle | undefined
  const ingest = createIngest({
    store,
    log,
    clock,
    onGap: () => void runner?.resync('gap'),
    onListChanged: () => void runner?.refreshDirectory()
  })

  const startRunner = async (): Promise<void> => {
    await stopRunner()
    const created = new SessionRunner({
      auth,
      store,
      ingest,
      clock,
      random,
      ...(options.power ? { power: options.power } : {}),
      settings: subscription,
      ...(options.supervisor ? { supervisor: options.supervisor } : {}),
      safetyPollMs: options.safetyPollMs ?? 5 * 60_000,
      onConnection: (connection) => setStatus({ connection }),
      onDisabled: (disabled) => setStatus({ disabled }),
      onProblems: (problems) => setStatus({ problems }),
      onResync: (resync) => setStatus({ resync }),
      onConnectionProblem: (kind) => {
        connectionProblems[kind] = (connectionProblems[kind] ?? 0) + 1
      },
      onRateLimited: (ms) => setStatus({ rateLimitedUntil: clock.now() + ms })
    })
    runner = created
    // A new account has other devices; fetch them now so the first click costs one request.
    void devices.list({ refresh: true })
    await created.start()
  }

  const stopRunner = async (): Promise<void> => {
    const r = runner
    runner = undefined
    await r?.dispose()
  }

  /** Signed out: nothing of the old account may stay on screen. */
  const clearState = (): void => {
    store.dispatch({
      type: 'directory',
      directory: { ownerId: '', extensions: [], monitored: [], favorites: [] }
    })
    store.dispatch({
      type: 'readback',
      readback: { at: new Date(clock.now()).toISOString(), presence: [], sessions: [] }
    })
    ingest.reset()
    setStatus({ connection: { status: 'idle' }, disabled: [], problems: [] })
  }

  let lastAuth = auth.state.status
  auth.onChange((state) => {
    setStatus({ auth: state })
    const was = lastAuth
    lastAuth = state.status
    if (state.status === 'signed-in' && was !== 'signed-in') {
      void startRunner().catch((e: unknown) => setStatus({ problems: [String(e)] }))
    } else if (state.status !== 'signed-in' && was === 'signed-in') {
      void stopRunner().then(clearState, clearState)
      const d = demo
      demo = undefined
      void d?.close().catch(() => undefined)
    }
  })

  return {
    auth,
    calls,
    devices,
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    snapshot: () => store.getSnapshot(),
    subscribe: (listener) => store.subscribe(listener),
    onEvent: (listener) => store.onEvent(listener),
    async signInDemo() {
      if (!options.startDemo) throw new Error('the demo is not available in this build')
      const started = await options.startDemo()
      // Sign the old session out first, while `demo` is unset, so its handler closes nothing new.
      const previous = demo
      demo = undefined
      if (auth.state.status === 'signed-in') await auth.signOut()
      await previous?.close().catch(() => undefined)
      demo = started
      try {
        await auth.signInDemo(started)
      } catch (error) {
        demo = undefined
        await started.close().catch(() => undefined)
        throw error
      }
    },
    start: () => auth.restore(),
    directory: () => [...store.getState().directory.extensions.values()],
    ownDnd() {
      const state = store.getState()
      const owner = state.directory.ownerId ?? state.envelopeOwnerId
      if (!owner) return null
      const dnd = pget(state.presence, owner)?.fields.dndStatus
      return dnd === undefined ? null : typeof dnd === 'string' ? dnd : dnd.unknown
    },
    async setMonitoredLines(ids) {
      await auth.platform().put('/restapi/v1.0/account/~/extension/~/presence/line', {
        records: ids.map((id) => ({ id, extension: { id } }))
      })
      await runner?.refreshDirectory()
    },
    async setSubscriptionSettings(next) {
      subscription = next
      if (runner) await startRunner()
    },
    resync: (reason = 'safety-poll') => runner?.resync(reason) ?? Promise.resolve(),
    diagnostics: {
      counters: () => log.counters(),
      entries: () => log.entries(),
      bundle: () =>
        supportBundle(log.entries(), {
          app: 'Ringside',
          version: options.appVersion,
          status,
          counters: log.counters(),
          connectionProblems
        }),
      connectionProblems: () => ({ ...connectionProblems })
    },
    async stop() {
      ingest.dispose()
      await stopRunner()
      await demo?.close().catch(() => undefined)
      demo = undefined
    }
  }
}
