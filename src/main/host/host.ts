/**
 * One host for both shells: the settings, the token vault, the core, the handlers and the event
 * push, built the same way for the Electron app and for browser mode. A shell passes only what
 * differs between them (where data lives, its vault, how URLs open, power events, how events reach
 * the page, native pop-ups, logging) and adds its own transport: the IPC router, or the loopback
 * web server. When each shell built these itself they drifted (the saved server, the client id).
 */
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { Core, CoreOptions, DemoHandle } from '../core/core'
import type { PowerEvents, TokenVault } from '../core/ports'
import type { EmitEvent } from '../../shared/ipc/contract'
import type { ShortcutStatus } from '../../shared/ipc/policy'
import { clientIdFrom, loopbackPortsFrom, policyCoreOptions, serverFrom } from './core-options'
import type { Handlers } from './dispatch'
import { keepSignOutReason, readSignOutReason, SIGN_OUT_REASON_FILE } from './sign-out-reason'
import { type NativePopups, openCallFromPopup, pushCoreEvents } from './event-push'
import { createHandlers, type PopupWindowPort } from './handlers'
import { INSTANCE_FILE, instanceIdIn } from './instance-id'
import {
  demoDisabled,
  loadPolicy,
  policyLogLine,
  POLICY_FILE_ENV,
  policyPath,
  type PolicyLoad,
  settingsPolicy
} from './policy'
import { choosePolicy, systemManagedPolicy } from './managed-policy'
import { createSettingsStore, type SettingsStore } from './settings-store'

/** The agent's settings, in the shell's data directory. */
export const SETTINGS_FILE = 'settings.json'

export interface HostPorts {
  /** Where settings.json lives: Electron's userData, browser mode's data directory. */
  readonly dataDir: string
  /**
   * Builds the token vault (safeStorage in Electron, a key file in browser mode). `onCorrupt` is
   * the host's, so both shells say the same when a stored sign-in had to be discarded.
   */
  readonly createVault: (onCorrupt: (why: string) => void) => TokenVault
  readonly createCore: (options: CoreOptions) => Core
  readonly startDemo: () => Promise<DemoHandle>
  /** Opens sign-in pages and links outside the app (the system browser, or printed). */
  readonly openExternal: (url: string) => Promise<void>
  /** Resume and network changes, where the platform reports them. */
  readonly power?: PowerEvents
  /** How events reach the page. */
  readonly emit: EmitEvent
  /** Pop-ups outside the page; browser mode has none beyond the in-app `notify:popup` event. */
  readonly nativePopups?: NativePopups
  readonly appVersion: string
  /** The desktop's tray pop-up window, which the pop-up route's reports size and show. */
  readonly popupWindow?: PopupWindowPort
  /** `begin` starts the demo when nobody signed in before (the product default). */
  readonly autoDemo: boolean
  readonly log: (line: string) => void
  /**
   * The admin policy file (docs/deployment.md); default `RINGSIDE_POLICY_FILE`, else the OS's
   * system location.
   */
  readonly policyFile?: string
  /**
   * macOS managed preferences (managed-policy.ts), which win over the file; default the system's
   * on darwin, none elsewhere. Not read when `policyFile` or `RINGSIDE_POLICY_FILE` names a file.
   */
  readonly managedPolicy?: () => PolicyLoad
}

export interface Host {
  readonly core: Core
  readonly settings: SettingsStore
  /** Every contract channel; the shell's transport dispatches to them after its sender checks. */
  readonly handlers: Handlers
  /** The tray's "Pause pop-ups", for this run only: a restart pops up again. */
  readonly popups: { paused(): boolean; setPaused(paused: boolean): void }
  /** The admin policy as it was read at start (applied, refused, or none). */
  readonly policy: PolicyLoad
  /** The shell says whether it holds the pickup shortcut; the settings screen shows it. */
  reportShortcut(status: ShortcutStatus): void
  /**
   * A pop-up's notification was clicked: the page opens the pane on the call its tag names
   * (`notify:open-call`). False when the tag names no call.
   */
  openCall(tag: string): boolean
  /** Resumes the stored sign-in, or starts the demo when there is none and `autoDemo` is on. */
  begin(): Promise<void>
  /** Stops the event push, then the core (its sockets and the demo emulator). Idempotent. */
  stop(): Promise<void>
}

/** A throwing listener, logged by error name only: a message may carry call or account data. */
export const listenerFailed =
  (log: (line: string) => void, where: string) =>
  (error: unknown): void =>
    log(`[${where}] a listener failed (${error instanceof Error ? error.name : 'error'})`)

export function createHost(ports: HostPorts): Host {
  const { log } = ports
  // Read once, before the settings: a refused file applies nothing (policy.ts).
  const policy = readAdminPolicy(ports)
  const policyLine = policyLogLine(policy)
  if (policyLine !== undefined) log(policyLine)
  const settings = createSettingsStore(join(ports.dataDir, SETTINGS_FILE), {
    onListenerError: listenerFailed(log, 'settings'),
    policy: settingsPolicy(policy)
  })
  if (settings.problem !== undefined) log(`[settings] ${settings.problem}`)
  const reasonFile = join(ports.dataDir, SIGN_OUT_REASON_FILE)
  const previousSignOutReason = readSignOutReason(reasonFile)
  const core = ports.createCore({
    ...coreOptions(ports, settings, policy),
    ...(previousSignOutReason ? { previousSignOutReason } : {})
  })
  // RingCentral's reason goes with the tokens; kept so a restart still says why (sign-out-reason.ts).
  const keepReason = keepSignOutReason(reasonFile, log)
  const stopReason = core.onStatus((status) => keepReason(status.auth))
  let shortcut: ShortcutStatus = { state: 'unsupported' }
  const handlers = createHandlers({
    core,
    settings,
    appVersion: ports.appVersion,
    openExternal: ports.openExternal,
    policy,
    shortcut: () => shortcut,
    ...(ports.popupWindow ? { popupWindow: ports.popupWindow } : {})
  })
  const stopLines = applyPolicyLines(core, policy, log)
  let paused = false
  const stopEvents = pushCoreEvents({
    core,
    settings,
    paused: () => paused,
    emit: ports.emit,
    ...(ports.nativePopups ? { nativePopups: ports.nativePopups } : {}),
    ...(ports.power ? { power: ports.power } : {})
  })

  let stopped: Promise<void> | undefined
  return {
    core,
    settings,
    handlers,
    popups: {
      paused: () => paused,
      setPaused: (next) => {
        paused = next
      }
    },
    policy,
    reportShortcut: (status) => {
      shortcut = status
    },
    openCall: (tag) => openCallFromPopup(ports.emit, tag),
    begin: () => begin(core, { ...ports, autoDemo: ports.autoDemo && !demoDisabled(policy) }),
    stop() {
      stopped ??= (async () => {
        stopLines()
        stopEvents()
        stopReason()
        await core.stop()
      })()
      return stopped
    }
  }
}

/** The OS account's name; none (a process without a passwd entry) skips the per-user profile. */
function userName(): string {
  try {
    return userInfo().username
  } catch {
    return ''
  }
}

/** The file named for this run, else managed preferences (macOS) over the system's file. */
function readAdminPolicy(ports: HostPorts): PolicyLoad {
  const file = (): PolicyLoad =>
    loadPolicy(ports.policyFile ?? policyPath(process.env, process.platform))
  if (ports.policyFile !== undefined || process.env[POLICY_FILE_ENV]) return file()
  const managed =
    ports.managedPolicy ?? systemManagedPolicy(process.platform, userName)
  return managed === undefined ? file() : choosePolicy(managed(), file)
}

function coreOptions(ports: HostPorts, settings: SettingsStore, policy: PolicyLoad): CoreOptions {
  const { log } = ports
  const saved = settings.get()
  const envPorts = loopbackPortsFrom(process.env, log)
  const fromPolicy = policyCoreOptions(policy.state === 'applied' ? policy.policy : undefined, {
    loopbackPorts: envPorts.length > 0 ? envPorts : undefined
  })
  return {
    vault: ports.createVault((why) => log(`[vault] stored sign-in discarded: ${why}`)),
    browser: { open: ports.openExternal },
    appVersion: ports.appVersion,
    client: { clientId: fromPolicy.clientId ?? clientIdFrom(process.env) },
    server: serverFrom(saved.server, log),
    ...(ports.power ? { power: ports.power } : {}),
    // Without it the core refuses the demo however it is asked (the tray, a stale page).
    ...(demoDisabled(policy) ? {} : { startDemo: ports.startDemo }),
    subscription: saved.subscription,
    ...(saved.preferredDeviceId === null ? {} : { preferredDeviceId: saved.preferredDeviceId }),
    instanceId: instanceIdIn(join(ports.dataDir, INSTANCE_FILE), log),
    // Admin-registered redirect ports win over RINGSIDE_LOOPBACK_PORTS (core-options.ts).
    loopbackPorts: fromPolicy.loopbackPorts ?? envPorts
  }
}

/**
 * A policy's monitored lines, set on RingCentral each time the agent signs in (not to the demo,
 * whose extensions are not the account's). A failure is logged; the agent's lines stay as they were.
 */
function applyPolicyLines(core: Core, policy: PolicyLoad, log: (line: string) => void): () => void {
  const lines = policy.state === 'applied' ? policy.policy.monitoredLines?.value : undefined
  if (lines === undefined) return () => undefined
  let signedIn = false
  return core.onStatus((status) => {
    const now = status.auth.status === 'signed-in' && status.auth.method !== 'demo'
    if (now && !signedIn)
      core.setMonitoredLines(lines).catch((e: unknown) => {
        log(`[policy] the monitored lines were not set (${e instanceof Error ? e.name : 'error'})`)
      })
    signedIn = now
  })
}

async function begin(core: Core, ports: HostPorts): Promise<void> {
  // Restores a stored sign-in; never throws (a failure ends as "signed out" with a reason).
  await core.start()
  // "npm start launches the app in demo mode unless the user has signed in before": a plain
  // `signed-out` means no stored sign-in. A sign-in that could not be restored ends as
  // `signed-out-with-reason` instead, and the agent should read why rather than land in a demo.
  if (ports.autoDemo && core.status().auth.status === 'signed-out') {
    await core.signInDemo().catch((error: unknown) => {
      ports.log(`[app] the demo did not start (${error instanceof Error ? error.name : 'error'})`)
    })
  }
}
