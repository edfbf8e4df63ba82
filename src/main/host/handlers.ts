/**
 * What each IPC channel does, in terms of the core. Node-only and Electron-free: the Electron
 * router and the browser-mode bridge share these handlers through `dispatch`. One builder per
 * domain of the contract; `createHandlers` joins them, and the compiler checks that together they
 * cover every channel exactly.
 */
import type { Core } from '../core/core'
import { THIS_COMPUTER, type CallResult } from '../core/calls'
import type { CallOutcome, Channel, Envelope, PopupReport } from '../../shared/ipc/contract'
import type { DiagnosticsView } from '../../shared/ipc/status'
import {
  LOCKABLE_SETTINGS,
  type LockableSetting,
  type ShortcutStatus
} from '../../shared/ipc/policy'
import { type Handlers, HandlerError } from './dispatch'
import { type PolicyLoad, policyView } from './policy'
import { lockedError, type PolicyGuard, policyGuard } from './policy-guard'
import { LockedSettingError, type SettingsStore } from './settings-store'

export interface HandlerDeps {
  readonly core: Core
  readonly settings: SettingsStore
  readonly appVersion: string
  /** Opens a web page in the system browser (shell.openExternal, or nothing in browser mode). */
  readonly openExternal: (url: string) => Promise<void>
  /** The desktop's tray pop-up window; browser mode has none and ignores the reports. */
  readonly popupWindow?: PopupWindowPort
  /** The admin policy as the host loaded it; default none. */
  readonly policy?: PolicyLoad
  /** Whether the shell holds the pickup shortcut; default none to hold (browser mode). */
  readonly shortcut?: () => ShortcutStatus
}

/** What the pop-up route's reports drive in a shell (src/main/electron/popup-window.ts). */
export interface PopupWindowPort {
  report(report: PopupReport): void
}

/** The handlers of some domains of the contract (`'sign-in'`: the `sign-in:*` channels). */
type DomainHandlers<D extends string> = Pick<Handlers, Extract<Channel, `${D}:${string}`>>

/** Auth failures carry a message written for the agent (AuthError); pass it on as it is. */
async function authAction(run: () => Promise<void> | void): Promise<null> {
  try {
    await run()
    return null
  } catch (e) {
    const { code, detail } = e as { code?: unknown; detail?: unknown }
    throw new HandlerError(
      typeof code === 'string' ? code : 'sign-in',
      e instanceof Error ? e.message : String(e),
      typeof detail === 'string' ? detail : undefined
    )
  }
}

const outcome = (
  sid: string,
  pid: string,
  r: CallResult<unknown>,
  device: string | null = null
): Envelope<CallOutcome> =>
  r.ok
    ? { ok: true, value: { telephonySessionId: sid, partyId: pid, device } }
    : { ok: false, error: { code: r.error.code, message: r.error.message } }

function appHandlers({ appVersion, openExternal }: HandlerDeps): DomainHandlers<'app'> {
  return {
    'app:version': () => appVersion,
    'app:open-external': async (url) => {
      await openExternal(url)
      return null
    }
  }
}

function signInHandlers(
  { core, settings }: HandlerDeps,
  guard: PolicyGuard
): DomainHandlers<'sign-in'> {
  return {
    'sign-in:start-demo': () => {
      guard.assertDemoAllowed()
      return authAction(() => core.signInDemo())
    },
    'sign-in:open-browser': () => authAction(() => core.auth.signInWithBrowser()),
    'sign-in:cancel': () => {
      core.auth.cancelSignIn()
      return null
    },
    'sign-in:submit-jwt': ({ jwt, clientId, clientSecret }) => {
      if (guard.lockedClientId !== undefined && clientId !== guard.lockedClientId)
        throw lockedError(['clientId'])
      return authAction(() =>
        core.auth.signInWithJwt(jwt, { clientId, ...(clientSecret ? { clientSecret } : {}) })
      )
    },
    'sign-in:sign-out': async () => {
      await core.auth.signOut()
      return null
    },
    'sign-in:set-server': (url) => {
      guard.assertUnlocked('server')
      return authAction(() => {
        core.auth.setServer(url)
        settings.update({ server: core.auth.server })
      })
    }
  }
}

function callHandlers(core: Core): DomainHandlers<'calls'> {
  /** The device the call went to, as call control chose it (cached, so no extra request). */
  const deviceName = async (): Promise<string | null> => {
    const choice = await core.devices.choose()
    return choice.ok ? choice.value.device.name : null
  }
  return {
    'calls:pick-up-parked': async (sid, pid) =>
      outcome(sid, pid, await core.calls.pickUpParked(sid, pid), await deviceName()),
    'calls:answer': async (sid, pid) =>
      outcome(sid, pid, await core.calls.answer(sid, pid), await deviceName()),
    'calls:hold': async (sid, pid) => outcome(sid, pid, await core.calls.hold(sid, pid)),
    'calls:unhold': async (sid, pid) => outcome(sid, pid, await core.calls.unhold(sid, pid)),
    'calls:pick-up': async (sid, pid) => envelope(await core.calls.pickUpOverSip(sid, pid))
  }
}

function phoneHandlers(core: Core): DomainHandlers<'phone'> {
  return {
    'phone:setup': async () => envelope(await core.phone.setup()),
    'phone:report': ({ registered, reason }) => {
      core.phone.report(registered, reason)
      return null
    }
  }
}

const envelope = <T>(r: CallResult<T>): Envelope<T> =>
  r.ok
    ? { ok: true, value: r.value }
    : { ok: false, error: { code: r.error.code, message: r.error.message } }

/**
 * What the board reads and changes outside calls: the state, the connection ("Retry now"),
 * devices, directory and lines.
 */
function boardHandlers(
  core: Core,
  guard: PolicyGuard
): DomainHandlers<'state' | 'connection' | 'devices' | 'directory' | 'lines'> {
  return {
    'state:get': () => ({ status: core.status(), snapshot: core.snapshot() }),
    'connection:retry-now': () => core.retryNow(),
    'devices:list': async () => {
      const r = await core.devices.list()
      if (!r.ok) return { ok: false, error: { code: r.error.code, message: r.error.message } }
      const here = core.devices.thisComputer?.deviceId
      return r.value.devices.map((d) => ({
        id: d.id,
        name: d.id === here ? THIS_COMPUTER : d.name,
        type: d.type,
        status: d.status
      }))
    },
    'directory:list': () => core.directory(),
    'lines:set-monitored': async (ids) => {
      guard.assertUnlocked('monitoredLines')
      try {
        await core.setMonitoredLines(ids)
        return null
      } catch (e) {
        throw new HandlerError(
          'lines',
          `RingCentral did not accept the new list of monitored lines: ${e instanceof Error ? e.message : String(e)}`
        )
      }
    }
  }
}

function settingsHandlers(deps: HandlerDeps): DomainHandlers<'settings'> {
  const { core, settings } = deps
  const policy = policyView(deps.policy ?? { state: 'none' })
  return {
    'settings:get': () => settings.get(),
    'settings:status': () => ({
      policy,
      shortcut: deps.shortcut?.() ?? { state: 'unsupported' }
    }),
    'settings:update': async (patch) => {
      // Refused before anything moves: a locked server must not reach the sign-in either.
      const locked = settings.locked.filter(isLockable).filter((k) => patch[k] !== undefined)
      if (locked.length > 0) throw lockedError(locked)
      // The server is where tokens are sent: it is validated exactly as sign-in:set-server does
      // and stored normalised, never as the renderer wrote it.
      if (patch.server !== undefined) {
        const server = patch.server
        await authAction(() => core.auth.setServer(server))
      }
      const next = updateSettings(
        settings,
        patch.server === undefined ? patch : { ...patch, server: core.auth.server }
      )
      if (patch.preferredDeviceId !== undefined)
        core.devices.setPreferred(next.preferredDeviceId ?? undefined)
      if (patch.subscription !== undefined) await core.setSubscriptionSettings(next.subscription)
      return next
    }
  }
}

function diagnosticsHandlers(core: Core): DomainHandlers<'diagnostics'> {
  return {
    'diagnostics:get': (): DiagnosticsView => {
      const counters = core.diagnostics.counters()
      const recentErrors = core.diagnostics
        .entries()
        .filter((e) => !e.ok)
        .slice(-50)
        .reverse()
        .map((e) => ({ receivedAt: e.receivedAt, kind: e.kind, event: e.event, errors: e.errors }))
      // Counted warnings must be listed somewhere, or IT staff see "1 warning" and nothing else.
      const recentWarnings = core.diagnostics
        .entries()
        .filter((e) => e.warnings.length > 0)
        .slice(-50)
        .reverse()
        .map((e) => ({
          receivedAt: e.receivedAt,
          kind: e.kind,
          event: e.event,
          warnings: e.warnings
        }))
      return {
        counters,
        connectionProblems: core.diagnostics.connectionProblems(),
        recentErrors,
        recentWarnings
      }
    },
    'diagnostics:export': () => ({
      fileName: `ringside-support-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`,
      content: core.diagnostics.bundle()
    })
  }
}

/** The store's own lock check, in case a lock was missed above: the same clear refusal. */
function updateSettings(
  settings: SettingsStore,
  patch: Parameters<SettingsStore['update']>[0]
): ReturnType<SettingsStore['update']> {
  try {
    return settings.update(patch)
  } catch (e) {
    if (e instanceof LockedSettingError) throw lockedError(e.settings.filter(isLockable))
    throw e
  }
}

const isLockable = (k: string): k is LockableSetting =>
  (LOCKABLE_SETTINGS as readonly string[]).includes(k)

export function createHandlers(deps: HandlerDeps): Handlers {
  const guard = policyGuard(deps.policy ?? { state: 'none' })
  return {
    ...appHandlers(deps),
    ...signInHandlers(deps, guard),
    ...callHandlers(deps.core),
    ...phoneHandlers(deps.core),
    ...boardHandlers(deps.core, guard),
    ...settingsHandlers(deps),
    ...diagnosticsHandlers(deps.core),
    'popup:report': (report) => {
      // The tray window stays hidden unless the agent (or IT) chose it as the pop-up style.
      const shown = deps.settings.get().popupStyle === 'window'
      deps.popupWindow?.report(shown ? report : { ...report, entries: 0 })
      return null
    }
  }
}
