/**
 * The admin policy file: decoding (valid, each way invalid, unknown keys, wrong types, missing,
 * unreadable), the paths per OS, and locked settings through the settings store and the real
 * handlers behind `dispatch` (the IPC boundary both shells share): a locked setting is refused
 * with a clear error, and the settings file never holds a locked value.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/core'
import { dispatch, type Handlers } from '../../../src/main/host/dispatch'
import { createHandlers } from '../../../src/main/host/handlers'
import {
  loadPolicy,
  policyPath,
  policyView,
  settingsPolicy,
  type PolicyLoad
} from '../../../src/main/host/policy'
import { createSettingsStore, type SettingsStore } from '../../../src/main/host/settings-store'
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc/settings'
import { fakeCore } from '../fakes/core'

const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-policy-'))
  dirs.push(dir)
  return dir
}
const policyFile = (value: unknown): string => {
  const file = join(tempDir(), 'policy.json')
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value))
  return file
}
const problems = (load: PolicyLoad): readonly string[] =>
  load.state === 'invalid' ? load.problems : []

const VALID = {
  version: 1,
  server: { value: 'https://platform.ringcentral.com', locked: true },
  clientId: { value: 'floor-app', locked: true },
  loopbackPorts: { value: [53682, 53683], locked: true },
  monitoredLines: { value: ['1001', '1002'], locked: true },
  notifications: {
    value: {
      enabled: true,
      lines: 'all',
      selectedLines: [],
      queueCallsOnly: true,
      quietWhenDnd: true
    },
    locked: false
  },
  popupStyle: { value: 'window', locked: true },
  preferredDeviceId: { value: null, locked: false },
  globalShortcut: { value: 'CommandOrControl+Alt+P', locked: true },
  disableDemo: true
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('where the policy lives', () => {
  it('is the OS system location, or RINGSIDE_POLICY_FILE', () => {
    expect(policyPath({}, 'linux')).toBe('/etc/ringside/policy.json')
    expect(policyPath({}, 'darwin')).toBe('/Library/Application Support/Ringside/policy.json')
    expect(policyPath({ ProgramData: 'D:\\Data' }, 'win32')).toBe('D:\\Data\\Ringside\\policy.json')
    expect(policyPath({}, 'win32')).toBe('C:\\ProgramData\\Ringside\\policy.json')
    expect(policyPath({ RINGSIDE_POLICY_FILE: '/tmp/p.json' }, 'linux')).toBe('/tmp/p.json')
  })
})

describe('loading the policy', () => {
  it('applies a valid file whole', () => {
    const file = policyFile(VALID)
    const load = loadPolicy(file)
    expect(load).toMatchObject({ state: 'applied', file })
    expect(policyView(load)).toEqual({
      state: 'applied',
      file,
      locked: [
        'server',
        'clientId',
        'loopbackPorts',
        'monitoredLines',
        'popupStyle',
        'globalShortcut'
      ],
      demoDisabled: true,
      // The locked client id, so the JWT form shows and sends the one main accepts.
      clientId: 'floor-app'
    })
    expect(settingsPolicy(load)).toEqual({
      defaults: { notifications: VALID.notifications.value, preferredDeviceId: null },
      locked: {
        server: 'https://platform.ringcentral.com',
        popupStyle: 'window',
        globalShortcut: 'CommandOrControl+Alt+P'
      }
    })
  })

  it('is no policy when the file is missing', () => {
    expect(loadPolicy(join(tempDir(), 'absent.json'))).toEqual({ state: 'none' })
  })

  it('refuses an unreadable file (a directory: the tests run as root, who reads mode 000)', () => {
    const file = join(tempDir(), 'policy.json')
    mkdirSync(file)
    expect(problems(loadPolicy(file))).toEqual(['the file could not be read (EISDIR)'])
  })

  it.each<[string, unknown, string]>([
    ['not JSON', '{"version": 1,', 'the file is not valid JSON'],
    ['an array', '[]', '(root): expected'],
    ['no version', { popupStyle: { value: 'window', locked: true } }, 'version: expected 1'],
    [
      'an unknown setting',
      { ...VALID, pickupDevice: { value: 'd-1', locked: true } },
      'pickupDevice: the policy has no "pickupDevice"'
    ],
    [
      'a misspelt "locked"',
      { ...VALID, popupStyle: { value: 'window', locekd: true } },
      'popupStyle.locekd: the "popupStyle" entry has no "locekd"'
    ],
    [
      'a wrong type',
      { ...VALID, popupStyle: { value: 'tray', locked: true } },
      'popupStyle.value: expected "window" | "native" | "none", got "tray"'
    ],
    [
      'a locked flag that is not a boolean',
      { ...VALID, server: { value: 'https://platform.ringcentral.com', locked: 'yes' } },
      'server.locked: expected boolean, got "yes"'
    ],
    [
      'a plain-http server',
      { ...VALID, server: { value: 'http://rc.example', locked: true } },
      'server.value: expected an https server address'
    ],
    [
      'a privileged port',
      { ...VALID, loopbackPorts: { value: [80], locked: true } },
      'loopbackPorts.value[0]: expected a port from 1024 to 65535, got 80'
    ],
    [
      'a shortcut without a modifier',
      { ...VALID, globalShortcut: { value: 'K', locked: true } },
      'globalShortcut.value: A global shortcut needs Ctrl, Alt, Super or Cmd'
    ],
    [
      'unlocked monitored lines',
      { ...VALID, monitoredLines: { value: ['1001'], locked: false } },
      'monitoredLines.locked: expected true, got false'
    ]
  ])('refuses the whole file for %s, saying where', (_name, content, problem) => {
    const load = loadPolicy(policyFile(content))
    expect(load.state).toBe('invalid')
    expect(problems(load).some((p) => p.startsWith(problem))).toBe(true)
    // Never half-applied: nothing of it reaches the settings.
    expect(settingsPolicy(load)).toEqual({ defaults: {}, locked: {} })
    expect(policyView(load)).toMatchObject({ state: 'invalid', demoDisabled: true })
  })
})

describe('locked settings', () => {
  const setup = (
    policy: unknown
  ): { file: string; settings: SettingsStore; handlers: Handlers } => {
    const dir = tempDir()
    const file = join(dir, 'settings.json')
    writeFileSync(
      file,
      JSON.stringify({ ...DEFAULT_SETTINGS, popupStyle: 'native', theme: 'dark' })
    )
    const load = loadPolicy(policyFile(policy))
    const settings = createSettingsStore(file, { policy: settingsPolicy(load) })
    const core = fakeCore().core as Core
    const handlers = createHandlers({
      core,
      settings,
      appVersion: '0',
      openExternal: async () => undefined,
      policy: load
    })
    return { file, settings, handlers }
  }

  it('cover the saved values, and a change to one is refused over IPC with nothing written', async () => {
    const { file, settings, handlers } = setup(VALID)
    expect(settings.get().popupStyle).toBe('window')
    const before = readFileSync(file, 'utf8')

    const refused = await dispatch(handlers, 'settings:update', [
      { popupStyle: 'none', theme: 'light' }
    ])

    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'locked',
        message: 'The pop-up style is set by your administrator and cannot be changed here.'
      }
    })
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(settings.get().theme).toBe('dark')
  })

  it("leave the agent's own value in the file when another setting is saved", async () => {
    const { file, handlers } = setup(VALID)

    expect(await dispatch(handlers, 'settings:update', [{ theme: 'light' }])).toMatchObject({
      ok: true,
      value: { theme: 'light', popupStyle: 'window' }
    })
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect(saved['theme']).toBe('light')
    // The agent's own choice, back when IT lifts the lock; the locked value is never written.
    expect(saved['popupStyle']).toBe('native')
  })

  it('refuse the locked server, monitored lines, client id and the demo on their own channels', async () => {
    const { handlers } = setup(VALID)
    const code = async (
      channel: Parameters<typeof dispatch>[1],
      args: unknown[]
    ): Promise<{ code: string; message: string } | undefined> =>
      ((await dispatch(handlers, channel, args)) as { error?: { code: string; message: string } })
        .error
    expect(await code('sign-in:set-server', ['https://platform.devtest.ringcentral.com'])).toEqual({
      code: 'locked',
      message: 'The RingCentral server is set by your administrator and cannot be changed here.'
    })
    expect((await code('lines:set-monitored', [['1003']]))?.code).toBe('locked')
    expect((await code('sign-in:submit-jwt', [{ jwt: 'x.y.z', clientId: 'other' }]))?.code).toBe(
      'locked'
    )
    expect(await code('sign-in:start-demo', [])).toEqual({
      code: 'policy',
      message: 'Your administrator has turned the demo off on this computer.'
    })
  })

  it('tells the page what is locked (settings:status)', async () => {
    const { handlers } = setup(VALID)
    expect(await dispatch(handlers, 'settings:status', [])).toMatchObject({
      ok: true,
      value: {
        policy: { state: 'applied', locked: expect.arrayContaining(['popupStyle']) },
        shortcut: { state: 'unsupported' }
      }
    })
  })

  it('are all open again when the file is refused, and the demo stays off', async () => {
    const { settings, handlers } = setup({ ...VALID, extra: true })
    expect(settings.locked).toEqual([])
    expect(settings.get().popupStyle).toBe('native')
    expect(await dispatch(handlers, 'settings:update', [{ popupStyle: 'none' }])).toMatchObject({
      ok: true
    })
    expect(await dispatch(handlers, 'sign-in:start-demo', [])).toMatchObject({
      ok: false,
      error: { code: 'policy', message: expect.stringContaining('could not be read') }
    })
  })
})
