/**
 * macOS managed preferences: the admin policy pushed by an MDM as a configuration profile, which
 * macOS writes to `/Library/Managed Preferences/<bundle id>.plist` (every user) and
 * `/Library/Managed Preferences/<user>/<bundle id>.plist` (one user), often as a binary plist
 * (docs/deployment.md#macos-managed-preferences). Read on darwin only, through an injectable
 * reader: `/usr/bin/plutil -convert json` reads binary and XML plists alike, so no plist parser is
 * needed. The converted text is decoded with the policy file's own codec (policy.ts), so the keys
 * and the `{ value, locked }` shape are the same.
 */
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { decodePolicyText, invalid, MAX_POLICY_BYTES, type PolicyLoad } from './policy'

/** The app's bundle id: packaging/electron-builder.config.ts `appId` (a test holds them equal). */
export const BUNDLE_ID = 'app.ringside.desktop'
export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences'
export const PLUTIL = '/usr/bin/plutil'
/** plutil answers in milliseconds; a hung one must not hold up the app's start for long. */
export const PLUTIL_TIMEOUT_MS = 5_000

/** A plist converted to JSON text, or why it could not be. */
export type PlistJson =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string }

export interface ManagedPolicyDeps {
  /** The files to look for, most specific first (`managedPreferenceFiles`). */
  readonly files: readonly string[]
  /** The file's size in bytes, or undefined when it does not exist. */
  readonly size: (file: string) => number | undefined
  readonly toJson: (file: string) => PlistJson
}

/** The per-user file first: IT's choice for this agent wins over the one for every user. */
export function managedPreferenceFiles(user: string, bundleId = BUNDLE_ID): string[] {
  const everyone = join(MANAGED_PREFERENCES_DIR, `${bundleId}.plist`)
  // Paths are absolute and built here, so plutil never sees one that reads as an option.
  if (user === '' || user.includes('/') || user === '.' || user === '..') return [everyone]
  return [join(MANAGED_PREFERENCES_DIR, user, `${bundleId}.plist`), everyone]
}

/**
 * A property list cannot hold `null`, which the policy uses for "Ringside chooses the device" and
 * "no shortcut": in managed preferences an empty string stands for it in those two entries.
 */
const NULLABLE = ['preferredDeviceId', 'globalShortcut'] as const

function plistNulls(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json
  const out: Record<string, unknown> = { ...(json as Record<string, unknown>) }
  for (const key of NULLABLE) {
    const entry = out[key]
    if (typeof entry === 'object' && entry !== null && (entry as { value?: unknown }).value === '')
      out[key] = { ...(entry as object), value: null }
  }
  return out
}

/**
 * The first managed-preferences file that exists, decoded whole like the JSON file; none is "no
 * policy". A file that exists but cannot be converted or decoded refuses the policy: the next
 * file is not tried, since half of IT's intent must not stand in for all of it.
 */
export function loadManagedPolicy(deps: ManagedPolicyDeps): PolicyLoad {
  for (const file of deps.files) {
    const size = deps.size(file)
    if (size === undefined) continue
    if (size > MAX_POLICY_BYTES)
      return invalid(file, [`the file is larger than ${MAX_POLICY_BYTES / 1024} KB`])
    const converted = deps.toJson(file)
    if (!converted.ok) return invalid(file, [converted.problem])
    return decodePolicyText(file, converted.text, plistNulls)
  }
  return { state: 'none' }
}

/**
 * Managed preferences win over the JSON file, whole: the profile is how the fleet is managed
 * today, a file left from an older rollout must not override it, and merging the two would apply
 * a policy neither author wrote. An invalid profile is refused and the file is not used instead.
 */
export function choosePolicy(managed: PolicyLoad, file: () => PolicyLoad): PolicyLoad {
  return managed.state === 'none' ? file() : managed
}

/** A file's size, or undefined when there is none (or it cannot be seen: same as absent). */
export function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size
  } catch {
    return undefined
  }
}

type ExecFileSync = (
  file: string,
  args: readonly string[],
  options: { encoding: 'utf8'; timeout: number; maxBuffer: number; windowsHide: boolean }
) => string

/** `plutil -convert json -o - <file>`, bounded in time and output; never throws. */
export function plutilToJson(exec: ExecFileSync = execFileSync as ExecFileSync) {
  return (file: string): PlistJson => {
    try {
      const text = exec(PLUTIL, ['-convert', 'json', '-o', '-', file], {
        encoding: 'utf8',
        timeout: PLUTIL_TIMEOUT_MS,
        maxBuffer: MAX_POLICY_BYTES,
        windowsHide: true
      })
      return { ok: true, text }
    } catch (e) {
      return { ok: false, problem: plutilProblem(e) }
    }
  }
}

function plutilProblem(e: unknown): string {
  const error = e as NodeJS.ErrnoException & { signal?: string | null; stderr?: unknown }
  if (error.code === 'ENOENT') return `${PLUTIL} is missing, so the profile could not be read`
  if (error.code === 'ETIMEDOUT' || error.signal === 'SIGTERM')
    return `${PLUTIL} did not answer within ${PLUTIL_TIMEOUT_MS / 1000} s`
  if (error.code === 'ENOBUFS') return `the profile is larger than ${MAX_POLICY_BYTES / 1024} KB`
  // plutil's own message names the problem (not a plist; a date or data value JSON cannot hold),
  // and holds nothing secret: it is about IT's file. Cut short, on one line.
  const said = typeof error.stderr === 'string' ? error.stderr.replace(/\s+/g, ' ').trim() : ''
  return `the profile is not a plist Ringside can read${said ? ` (${said.slice(0, 200)})` : ''}`
}

/** The managed-preferences source on macOS, undefined elsewhere (no such thing there). */
export function systemManagedPolicy(
  platform: NodeJS.Platform,
  user: () => string
): (() => PolicyLoad) | undefined {
  if (platform !== 'darwin') return undefined
  return () =>
    loadManagedPolicy({
      files: managedPreferenceFiles(user()),
      size: fileSize,
      toJson: plutilToJson()
    })
}
