/**
 * Ringside's core, composed in one place: sign-in, the account runner with its supervised
 * subscription, the notification pipeline, the state and its views, resync, call control and
 * diagnostics. It runs unchanged in the Electron main process, in Node for browser mode and the
 * headless runner, and in tests; the platform reaches it only through ports. Each part's work is in
 * its own module; this file only wires them.
 */
import { type OwnDnd, setOwnDnd } from './lines/dnd'
import { AccountRunner, type AccountRunnerDeps } from './account-runner'
import { type AccountLifecycle, createAccountLifecycle } from './accounts'
import {
  createAuthService,
  type AuthService,
  type ClientCredentials,
  type SignOutReason
} from './auth'
import { callLookup } from './call-lookup'
import {
  type CallControl,
  createCallControl,
  createDeviceDirectory,
  type DeviceDirectory
} from './calls'
import type { ResyncReason } from './connection/state'
import type { SupervisorOptions } from './connection/supervisor'
import { setMonitoredLines } from './lines/monitored'
import { createDemoLifecycle, type DemoHandle, type DemoLifecycle } from './demo-lifecycle'
import {
  createEventLog,
  createFaultLog,
  type EventCounters,
  type EventLog,
  type EventLogEntry,
  type FaultEntry,
  type FaultKind,
  type FaultLog,
  supportBundle
} from './diagnostics'
import {
  createNotificationPipeline,
  type NotificationPipeline,
  publishOncePerTurn,
  ringGuard
} from './pipeline'
import { type Browser, type Clock, type PowerEvents, systemClock, type TokenVault } from './ports'
import { createRestClient } from './rest'
import { constantInstanceId, corePhone, type CorePhone } from './phone/core-phone'
import { createPhoneProvisioning, type PhoneProvisioning } from './phone/provision'
import {
  clearAccountState,
  createStore,
  ownDndStatus,
  type SemanticListener,
  type StateListener,
  type StateSnapshot,
  type Store
} from './state'
import { type CoreStatus, type CoreStatusBoard, createStatusBoard } from './status'
import { DEFAULT_SUBSCRIPTION_SETTINGS, type SubscriptionSettings } from './subscriptions/features'

export type { CoreStatus } from './status'
export type { DemoHandle } from './demo-lifecycle'

export interface CoreOptions {
  readonly vault: TokenVault
  readonly browser: Browser
  readonly appVersion: string
  /** The RingCentral app registration used for browser sign-in (a public PKCE client). */
  readonly client: ClientCredentials
  readonly server?: string
  /**
   * The loopback ports registered for browser sign-in, tried in order (RingCentral matches redirect
   * URIs exactly); empty: a port the OS picks.
   */
  readonly loopbackPorts?: readonly number[]
  /** Why the sign-in before this start ended (the shell keeps it across restarts). */
  readonly previousSignOutReason?: SignOutReason
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
  /** This installation's web phone instance id (settings keep it); default one per core. */
  readonly instanceId?: () => string
}

export interface Core {
  readonly auth: AuthService
  /** Pickup, answer, hold, unhold: authorised against this core's state, typed results. */
  readonly calls: CallControl
  readonly devices: DeviceDirectory
  /** Ringside's own web phone: its SIP credentials, and whether the renderer has it registered. */
  readonly phone: CorePhone
  status(): CoreStatus
  onStatus(listener: (status: CoreStatus) => void): () => void
  snapshot(): StateSnapshot
  subscribe(listener: StateListener): () => void
  onEvent(listener: SemanticListener): () => void
  /** Starts the embedded emulator and signs in to it. */
  signInDemo(): Promise<void>
  /** Resumes a stored sign-in, if any. */
  start(): Promise<void>
  resync(reason?: ResyncReason): Promise<void>
  /**
   * After an error nobody caught (src/main/host/last-resort.ts): probes the socket, so a dead or
   * confused one is replaced, and reads the state back, since whatever the error interrupted may
   * have left the board behind RingCentral. Does nothing while nobody is signed in.
   */
  recover(): void
  /**
   * The agent's "Retry now": the next connect attempt starts at once instead of at its time. False
   * when there is nothing to bring forward (live, an attempt running, a rate-limit wait, signed out).
   */
  retryNow(): boolean
  diagnostics: {
    counters(): EventCounters
    entries(): EventLogEntry[]
    /** Keeps an error nobody caught, with its stack, for the support bundle. */
    recordFault(kind: FaultKind, thrown: unknown): FaultEntry
    faults(): FaultEntry[]
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
  /** Sets the agent's own DND through the presence API (lines/dnd.ts). */
  setOwnDnd(dndStatus: OwnDnd): Promise<void>
  /** New subscription settings: the subscription is rebuilt when signed in. */
  setSubscriptionSettings(settings: SubscriptionSettings): Promise<void>
  stop(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock
  const auth = options.auth ?? defaultAuth(options, clock)
  const store = createStore({ schedule: publishOncePerTurn, publishBefore: ringGuard() })
  const log = createEventLog()
  const pipeline = createNotificationPipeline({ store, log, clock })
  const status = createStatusBoard(auth.state, clock)
  const platform = (): ReturnType<AuthService['platform']> => auth.platform()
  // One REST client for the core's own requests; a 429 it waits out shows in the status.
  const rest = createRestClient({ platform, clock, onRateLimited: status.rateLimited })
  const devices = createDeviceDirectory({
    rest,
    ...(options.preferredDeviceId ? { preferredId: options.preferredDeviceId } : {})
  })
  const provisioning = createPhoneProvisioning({
    rest,
    instanceId: options.instanceId ?? constantInstanceId()
  })
  const phone = corePhone(provisioning, devices)
  const lookup = callLookup(() => store.getSnapshot())
  const calls = createCallControl({ rest, devices, lookup, phoneRegistered: phone.registered })
  const demo = createDemoLifecycle(auth, options.startDemo)
  const parts = { clock, auth, store, pipeline, status, devices, demo, provisioning }
  const accounts = runAccounts(options, parts)
  return {
    auth,
    calls,
    devices,
    phone,
    status: status.current,
    onStatus: status.onChange,
    snapshot: () => store.getSnapshot(),
    subscribe: pipeline.onPatches,
    onEvent: pipeline.onEvent,
    signInDemo: demo.signIn,
    start: () => auth.restore(),
    directory: () => [...store.getState().directory.extensions.values()],
    ownDnd: () => ownDndStatus(store.getState()),
    async setMonitoredLines(ids) {
      await setMonitoredLines(rest, ids)
      await accounts.current()?.refreshDirectory()
    },
    setOwnDnd: (dndStatus) => setOwnDnd(rest, dndStatus),
    setSubscriptionSettings: (next) => accounts.useSettings(next),
    resync: (reason = 'safety-poll') => accounts.current()?.resync(reason) ?? Promise.resolve(),
    recover: () => accounts.current()?.recover(),
    retryNow: () => accounts.current()?.supervisor.retryNow() ?? false,
    diagnostics: coreDiagnostics(
      { log, faults: createFaultLog(), status, clock, secrets: provisioning.secrets },
      options.appVersion
    ),
    async stop() {
      pipeline.dispose()
      await accounts.stop()
      await demo.stop()
    }
  }
}

/** The parts of the core an account's runner and its sign-out work with. */
interface AccountParts {
  readonly clock: Clock
  readonly auth: AuthService
  readonly store: Store
  readonly pipeline: NotificationPipeline
  readonly status: CoreStatusBoard
  readonly devices: DeviceDirectory
  readonly demo: DemoLifecycle
  readonly provisioning: PhoneProvisioning
}

/**
 * A runner for each signed-in account, following the sign-in state; at sign-out the demo closes
 * and, once the runner is gone, the old account's state and status are cleared.
 */
function runAccounts(options: CoreOptions, parts: AccountParts): AccountLifecycle<AccountRunner> {
  const { clock, auth, store, pipeline, status, devices, demo, provisioning } = parts
  const accounts = createAccountLifecycle({
    initial: auth.state.status,
    settings: options.subscription ?? DEFAULT_SUBSCRIPTION_SETTINGS,
    createRunner: (settings) => {
      const own = { auth, store, pipeline, status, settings }
      const runner = new AccountRunner({ ...runnerOptions(options, clock), ...own })
      // A new account has other devices; fetch them now so the first click costs one request.
      void devices.list({ refresh: true })
      return runner
    },
    startFailed: (e) => status.problems([String(e)]),
    signedOut: () => demo.signedOut(),
    stopped: () => {
      // Another account has another device and password: the phone provisions again.
      provisioning.reset()
      devices.setThisComputer(undefined)
      clearAccountState(store, new Date(clock.now()).toISOString())
      pipeline.resetSequences()
      status.accountCleared()
    }
  })
  auth.onChange((state) => {
    // The status first, so its listeners see the new sign-in before anything the runner reports.
    status.auth(state)
    accounts.follow(state)
  })
  return accounts
}

/** The sign-in service, unless the caller injected one. */
function defaultAuth(options: CoreOptions, clock: Clock): AuthService {
  return createAuthService({
    vault: options.vault,
    browser: options.browser,
    clock,
    appVersion: options.appVersion,
    client: options.client,
    ...(options.server ? { server: options.server } : {}),
    ...(options.loopbackPorts ? { loopbackPorts: options.loopbackPorts } : {}),
    ...(options.previousSignOutReason
      ? { previousSignOutReason: options.previousSignOutReason }
      : {})
  })
}

/** What every account's runner gets from the core's options, the same for each account. */
function runnerOptions(
  options: CoreOptions,
  clock: Clock
): Pick<AccountRunnerDeps, 'clock' | 'random' | 'power' | 'supervisor' | 'safetyPollMs'> {
  return {
    clock,
    random: options.random ?? Math.random,
    ...(options.power ? { power: options.power } : {}),
    ...(options.supervisor ? { supervisor: options.supervisor } : {}),
    safetyPollMs: options.safetyPollMs ?? 5 * 60_000
  }
}

interface DiagnosticsParts {
  readonly log: EventLog
  readonly faults: FaultLog
  readonly status: CoreStatusBoard
  readonly clock: Clock
  /** Values no bundle may contain, whatever key they hide under (the SIP password). */
  readonly secrets: () => readonly string[]
}

/** The event and fault logs, and support bundles carrying the status as it is when made. */
function coreDiagnostics(
  { log, faults, status, clock, secrets }: DiagnosticsParts,
  appVersion: string
): Core['diagnostics'] {
  return {
    counters: () => log.counters(),
    entries: () => log.entries(),
    recordFault: (kind, thrown) => faults.record(kind, thrown, new Date(clock.now()).toISOString()),
    faults: () => faults.entries(),
    bundle: () =>
      supportBundle(
        log.entries(),
        {
          app: 'Ringside',
          version: appVersion,
          status: status.current(),
          counters: log.counters(),
          connectionProblems: status.connectionProblems()
        },
        { secrets: secrets() },
        faults.entries()
      ),
    connectionProblems: () => status.connectionProblems()
  }
}
