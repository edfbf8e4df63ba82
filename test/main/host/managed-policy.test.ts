/**
 * macOS managed preferences (an MDM configuration profile) as the admin policy, through an
 * injected reader: decoded with the policy file's own codec, the per-user file over the one for
 * every user, refused whole when invalid (never falling back to the JSON file), and every way
 * `plutil` can fail (binary output that is not JSON, missing, hung, too much output) reported as
 * a clear refusal.
 */
import { describe, expect, it, vi } from 'vitest'
import {
  BUNDLE_ID,
  choosePolicy,
  loadManagedPolicy,
  type ManagedPolicyDeps,
  type PlistJson,
  managedPreferenceFiles,
  PLUTIL,
  PLUTIL_TIMEOUT_MS,
  plutilToJson,
  systemManagedPolicy
} from '../../../src/main/host/managed-policy'
import { MAX_POLICY_BYTES, policyView, type PolicyLoad } from '../../../src/main/host/policy'
import { APP_ID } from '../../../packaging/electron-builder.config'

const USER = '/Library/Managed Preferences/ada/app.ringside.desktop.plist'
const EVERYONE = '/Library/Managed Preferences/app.ringside.desktop.plist'

const PROFILE = {
  version: 1,
  server: { value: 'https://platform.ringcentral.com', locked: true },
  popupStyle: { value: 'native', locked: true },
  globalShortcut: { value: '', locked: true },
  disableDemo: true
}

/** Managed preferences where `present` maps each existing file to what plutil makes of it. */
function source(present: Record<string, string | Error>): ManagedPolicyDeps & {
  toJson: ReturnType<typeof vi.fn<(file: string) => PlistJson>>
} {
  return {
    files: managedPreferenceFiles('ada'),
    size: (file) => (file in present ? 100 : undefined),
    toJson: vi.fn((file: string): PlistJson => {
      const out = present[file]!
      return out instanceof Error ? { ok: false, problem: out.message } : { ok: true, text: out }
    })
  }
}

const problems = (load: PolicyLoad): readonly string[] =>
  load.state === 'invalid' ? load.problems : []

describe('managed preferences (macOS)', () => {
  it('names the per-user file first, then the one for every user, by the builder’s bundle id', () => {
    expect(BUNDLE_ID).toBe(APP_ID)
    expect(managedPreferenceFiles('ada')).toEqual([USER, EVERYONE])
    // No account name, or one that would climb out of the folder: only the file for every user.
    for (const odd of ['', '..', 'a/b']) expect(managedPreferenceFiles(odd)).toEqual([EVERYONE])
    expect(systemManagedPolicy('linux', () => 'ada')).toBeUndefined()
    expect(systemManagedPolicy('win32', () => 'ada')).toBeUndefined()
    expect(systemManagedPolicy('darwin', () => 'ada')).toBeTypeOf('function')
  })

  it('applies a valid profile with the same codec and locks as the JSON file', () => {
    const load = loadManagedPolicy(source({ [EVERYONE]: JSON.stringify(PROFILE) }))

    expect(load).toMatchObject({ state: 'applied', file: EVERYONE })
    expect(policyView(load)).toEqual({
      state: 'applied',
      file: EVERYONE,
      locked: ['server', 'popupStyle', 'globalShortcut'],
      demoDisabled: true
    })
    // A plist has no null: an empty string stands for "no shortcut".
    expect(load.state === 'applied' && load.policy.globalShortcut).toEqual({
      value: null,
      locked: true
    })
  })

  it('prefers the per-user profile, whole, over the one for every user', () => {
    const deps = source({
      [USER]: JSON.stringify({ version: 1, popupStyle: { value: 'none', locked: true } }),
      [EVERYONE]: JSON.stringify(PROFILE)
    })
    const load = loadManagedPolicy(deps)

    expect(load).toMatchObject({ state: 'applied', file: USER })
    expect(load.state === 'applied' && load.policy.server).toBeUndefined()
    expect(deps.toJson).toHaveBeenCalledExactlyOnceWith(USER)
  })

  it('refuses an invalid profile whole, by path, and does not fall back to another source', () => {
    const deps = source({
      [USER]: JSON.stringify({ version: 1, popupStyle: { value: 'tray', locked: true } }),
      [EVERYONE]: JSON.stringify(PROFILE)
    })
    const load = loadManagedPolicy(deps)

    expect(load).toMatchObject({ state: 'invalid', file: USER })
    expect(problems(load).join('\n')).toContain('popupStyle.value')
    expect(policyView(load)).toMatchObject({ state: 'invalid', demoDisabled: true })
    const file = vi.fn((): PolicyLoad => ({ state: 'none' }))
    expect(choosePolicy(load, file)).toBe(load)
    expect(file).not.toHaveBeenCalled()
  })

  it('uses the JSON file only when there is no profile', () => {
    const none = loadManagedPolicy(source({}))
    expect(none).toEqual({ state: 'none' })
    const fromFile: PolicyLoad = { state: 'invalid', file: '/x/policy.json', problems: ['p'] }
    expect(choosePolicy(none, () => fromFile)).toBe(fromFile)
    const applied = loadManagedPolicy(source({ [EVERYONE]: JSON.stringify(PROFILE) }))
    expect(choosePolicy(applied, () => fromFile)).toBe(applied)
  })

  it('refuses output that is not JSON (a binary plist passed through) and conversion errors', () => {
    const binary = loadManagedPolicy(source({ [EVERYONE]: 'bplist00\u00d1\u0001\u0002' }))
    expect(binary).toMatchObject({ state: 'invalid', file: EVERYONE })
    expect(problems(binary)[0]).toContain('not valid JSON')

    const failed = loadManagedPolicy(source({ [EVERYONE]: new Error('plutil said no') }))
    expect(problems(failed)).toEqual(['plutil said no'])
  })

  it('refuses a profile over the size bound unread', () => {
    const deps = { ...source({ [EVERYONE]: '{}' }), size: () => MAX_POLICY_BYTES + 1 }
    const load = loadManagedPolicy(deps)
    expect(problems(load)[0]).toContain('larger than 256 KB')
    expect(deps.toJson).not.toHaveBeenCalled()
  })
})

describe('plutilToJson', () => {
  const fail = (props: Record<string, unknown>): Error => Object.assign(new Error('x'), props)

  it('runs plutil on the file, bounded in time and output', () => {
    const exec = vi.fn(() => '{"version":1}')
    expect(plutilToJson(exec)(EVERYONE)).toEqual({ ok: true, text: '{"version":1}' })
    expect(exec).toHaveBeenCalledExactlyOnceWith(
      PLUTIL,
      ['-convert', 'json', '-o', '-', EVERYONE],
      {
        encoding: 'utf8',
        timeout: PLUTIL_TIMEOUT_MS,
        maxBuffer: MAX_POLICY_BYTES,
        windowsHide: true
      }
    )
  })

  it.each([
    [fail({ code: 'ENOENT' }), '/usr/bin/plutil is missing'],
    [fail({ code: 'ETIMEDOUT', signal: 'SIGTERM' }), 'did not answer within 5 s'],
    [fail({ code: 'ENOBUFS' }), 'larger than 256 KB'],
    [
      fail({ status: 1, stderr: 'file.plist: invalid object in plist for destination format\n' }),
      'invalid object in plist for destination format'
    ]
  ])('reports a failure clearly and never throws (%#)', (error, says) => {
    const out = plutilToJson(() => {
      throw error
    })(EVERYONE)
    expect(out.ok).toBe(false)
    expect(out.ok === false && out.problem).toContain(says)
  })

  it('a real run through the shell ends in a refusal, not a crash, where plutil does not exist', () => {
    // Linux CI has no /usr/bin/plutil: the real execFileSync must come back as "missing".
    if (process.platform === 'darwin') return
    const out = plutilToJson()(EVERYONE)
    expect(out).toEqual({
      ok: false,
      problem: `${PLUTIL} is missing, so the profile could not be read`
    })
  })
})
