/**
 * The admin policy file (docs/deployment.md): JSON that IT puts at the system location to pre-set
 * and lock settings for every agent on the computer. It is decoded strictly: an unknown key, a
 * wrong type or a value out of bounds refuses the whole file, never part of it, and each problem
 * is reported by its path so IT can fix the file.
 */
import { readFileSync } from 'node:fs'
import { join, win32 } from 'node:path'
import * as t from 'io-ts'
import { parseServerUrl } from '../core/auth'
import { LoopbackPorts } from '../core/auth/loopback-ports'
import { reportErrors, issueText } from '../../shared/events/report'
import {
  boundedArray,
  BoundedRcId,
  boundedString,
  MAX_CLIENT_CREDENTIAL_LENGTH,
  MAX_MONITORED_LINES,
  MAX_URL_LENGTH,
  nullOr
} from '../../shared/ipc/bounded'
import { LOCKABLE_SETTINGS, type PolicyView } from '../../shared/ipc/policy'
import {
  Accelerator,
  NotificationRules,
  Settings,
  type SettingsPatch
} from '../../shared/ipc/settings'
import type { SettingsPolicy } from './settings-store'

/** Lets tests and unusual installs point at another file. */
export const POLICY_FILE_ENV = 'RINGSIDE_POLICY_FILE'
/** Bigger than any real policy; a larger file is refused unread rather than parsed. */
export const MAX_POLICY_BYTES = 256 * 1024

/** The OS-standard, admin-writable location (docs/deployment.md#where-the-file-lives). */
export function policyPath(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform
): string {
  const override = env[POLICY_FILE_ENV]
  if (override) return override
  if (platform === 'win32')
    return win32.join(env['ProgramData'] || 'C:\\ProgramData', 'Ringside', 'policy.json')
  if (platform === 'darwin') return '/Library/Application Support/Ringside/policy.json'
  return join('/etc', 'ringside', 'policy.json')
}

/**
 * Like `t.exact(t.type(…))`, but a key it does not name is an error at that key, not silently
 * dropped: a misspelt `"locekd": true` must not leave a setting the agent can change.
 */
function strict<R extends t.Props, O extends t.Props = Record<never, t.Mixed>>(
  name: string,
  required: R,
  optional?: O
): t.Type<t.TypeOfProps<R> & Partial<t.TypeOfProps<O>>, unknown> {
  type A = t.TypeOfProps<R> & Partial<t.TypeOfProps<O>>
  const known = [...Object.keys(required), ...Object.keys(optional ?? {})]
  const inner = t.exact(t.intersection([t.type(required), t.partial(optional ?? {})]))
  return new t.Type<A, unknown>(
    name,
    (u): u is A => inner.is(u),
    (u, c) => {
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).filter((k) => !known.includes(k))
        if (extra.length > 0)
          return t.failures(
            extra.map((k) => ({
              value: (u as Record<string, unknown>)[k],
              context: [...c, { key: k, type: inner, actual: u }],
              message: `${name} has no "${k}" (it knows ${known.join(', ')})`
            }))
          )
      }
      // The inner codec stands in this codec's context entry, so paths skip the intersection's
      // member indexes (shared/events/report.ts): `popupStyle.value`, not `[1].popupStyle[0].value`.
      const last = c[c.length - 1]
      const own = last === undefined ? c : [...c.slice(0, -1), { ...last, type: inner }]
      return inner.validate(u, own) as t.Validation<A>
    },
    (a) => inner.encode(a)
  )
}

/** A pre-set value and whether the agent may change it. */
const field = <C extends t.Mixed>(
  value: C,
  name: string
): t.Type<{ value: t.TypeOf<C>; locked: boolean }, unknown> =>
  strict(`the "${name}" entry`, { value, locked: t.boolean })

/** The server as sign-in accepts it (https, or http to this computer), stored normalised. */
const ServerUrl = new t.Type<string, string, unknown>(
  'an https server address such as https://platform.ringcentral.com',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    const s = boundedString(MAX_URL_LENGTH, 'a server URL').validate(u, c)
    if (s._tag === 'Left') return s
    try {
      return t.success(parseServerUrl(s.right))
    } catch {
      return t.failure(u, c)
    }
  },
  t.identity
)

export const Policy = strict(
  'the policy',
  { version: t.literal(1) },
  {
    server: field(ServerUrl, 'server'),
    clientId: field(boundedString(MAX_CLIENT_CREDENTIAL_LENGTH, 'a client id'), 'clientId'),
    loopbackPorts: field(LoopbackPorts, 'loopbackPorts'),
    /** Monitored lines live on RingCentral, not here: a policy can only set them locked. */
    monitoredLines: strict('the "monitoredLines" entry', {
      value: boundedArray(BoundedRcId, MAX_MONITORED_LINES, 'lines'),
      locked: t.literal(true)
    }),
    notifications: field(NotificationRules, 'notifications'),
    popupStyle: field(Settings.props.popupStyle, 'popupStyle'),
    preferredDeviceId: field(nullOr(BoundedRcId), 'preferredDeviceId'),
    globalShortcut: field(nullOr(Accelerator), 'globalShortcut'),
    disableDemo: t.boolean
  }
)
export type Policy = t.TypeOf<typeof Policy>

/** What the host made of the policy file. */
export type PolicyLoad =
  | { readonly state: 'none' }
  | { readonly state: 'applied'; readonly file: string; readonly policy: Policy }
  | { readonly state: 'invalid'; readonly file: string; readonly problems: readonly string[] }

export const invalid = (file: string, problems: readonly string[]): PolicyLoad => ({
  state: 'invalid',
  file,
  problems
})

/** Reads and decodes the file; a missing file is "no policy", anything else wrong refuses it. */
export function loadPolicy(file: string): PolicyLoad {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { state: 'none' }
    return invalid(file, [`the file could not be read (${code ?? 'error'})`])
  }
  return decodePolicyText(file, text)
}

/**
 * Decodes a policy's JSON text (the file's, or a managed-preferences plist converted to JSON:
 * managed-policy.ts): too large, not JSON or not the schema refuses it whole.
 */
export function decodePolicyText(
  file: string,
  text: string,
  adapt: (json: unknown) => unknown = (json) => json
): PolicyLoad {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES)
    return invalid(file, [`the file is larger than ${MAX_POLICY_BYTES / 1024} KB`])
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return invalid(file, [
      `the file is not valid JSON (${e instanceof Error ? e.message : 'error'})`
    ])
  }
  const decoded = Policy.decode(adapt(json))
  if (decoded._tag === 'Left') return invalid(file, reportErrors(decoded.left).map(issueText))
  return { state: 'applied', file, policy: decoded.right }
}

/** The keys of the policy whose entry is locked. */
export function lockedKeys(policy: Policy): Array<keyof Policy> {
  return (Object.keys(policy) as Array<keyof Policy>).filter((k) => {
    const entry = policy[k]
    return typeof entry === 'object' && entry.locked
  })
}

/** What the page is told. An invalid file keeps the demo off: see docs/deployment.md. */
export function policyView(load: PolicyLoad): PolicyView {
  if (load.state === 'none') return load
  if (load.state === 'invalid')
    return { state: 'invalid', file: load.file, problems: load.problems, demoDisabled: true }
  const locked = lockedKeys(load.policy).filter(
    (k): k is Exclude<keyof Policy, 'version' | 'disableDemo'> =>
      k !== 'version' && k !== 'disableDemo'
  )
  const clientId = load.policy.clientId
  return {
    state: 'applied',
    file: load.file,
    locked,
    demoDisabled: load.policy.disableDemo === true,
    ...(clientId?.locked === true ? { clientId: clientId.value } : {})
  }
}

/** The policy's settings entries, split into the agent's starting values and the locked ones. */
export function settingsPolicy(load: PolicyLoad): SettingsPolicy {
  if (load.state !== 'applied') return { defaults: {}, locked: {} }
  const defaults: Record<string, unknown> = {}
  const locked: Record<string, unknown> = {}
  for (const key of LOCKABLE_SETTINGS) {
    const entry = load.policy[key]
    if (entry !== undefined) (entry.locked ? locked : defaults)[key] = entry.value
  }
  // Each value was decoded with the settings field's own codec, so the records are patches.
  return { defaults: defaults as SettingsPatch, locked: locked as SettingsPatch }
}

/**
 * Whether a policy keeps the demo off. An invalid file does too: its author may have meant to
 * turn the demo off, and an agent who lands in the demo believes they are live while real calls
 * go unanswered. Every other part of a refused file fails open to the agent's own settings.
 */
export const demoDisabled = (load: PolicyLoad): boolean =>
  load.state === 'invalid' || (load.state === 'applied' && load.policy.disableDemo === true)

/** The policy's line for the log, in IT's words. */
export function policyLogLine(load: PolicyLoad): string | undefined {
  if (load.state === 'none') return undefined
  if (load.state === 'applied') {
    const locked = policyView(load)
    return `[policy] applied ${load.file}${locked.state === 'applied' && locked.locked.length > 0 ? ` (locks ${locked.locked.join(', ')})` : ''}`
  }
  return `[policy] the admin policy ${load.file} could not be read and was NOT applied (the demo stays off): ${load.problems.join('; ')}`
}
