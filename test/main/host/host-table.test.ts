/**
 * Both shells through their real entry points (`startApp` with the mocked `electron` module, and
 * `startWebHost`) given the same settings file must come to the same result: the same server and
 * client id for the core, the same settings for the page, the same problem in the log, and the
 * same start (the demo when nobody signed in before). The core is a fake: what is compared is what
 * the shells build it from.
 *
 * "Unreadable" is a directory where settings.json should be: the tests run as root, and root reads
 * a mode-000 file. Invalid JSON, which the store reports the same way, is a row of its own.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as tick } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { app, BrowserWindowMock, ipcMain, resetElectronMock } from '../../setup/electron-mock'
import type { Core, CoreOptions, DemoHandle } from '../../../src/main/core/core'
import { startApp } from '../../../src/main/electron/app'
import { CLIENT_ID_PLACEHOLDER } from '../../../src/main/host/core-options'
import { startWebHost } from '../../../src/main/web/host'
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/ipc/settings'
import { fakeCore, type FakeCore } from '../fakes/core'
import { authed, secretOf, tempSite, type TempSite } from '../web/support'

/** What a shell made of one settings file. */
interface Outcome {
  readonly server: string | undefined
  readonly clientId: string
  readonly preferredDeviceId: string | undefined
  /** What `settings:get` answers the page. */
  readonly settings: unknown
  /** The `[settings]` lines the shell logged. */
  readonly problems: readonly string[]
  readonly demoStarted: boolean
}

/** A shell given the data directory, the core factory and the log; resolves once it has begun. */
type Shell = (
  dataDir: string,
  createCore: (options: CoreOptions) => Core,
  log: (line: string) => void
) => Promise<{ settings: unknown; close(): Promise<void> }>

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await tick()
}

const startDemo = (): Promise<DemoHandle> => Promise.reject(new Error('the fake core has its own'))

const location = { preloadPath: '/app/preload.cjs', indexHtml: '/app/renderer/index.html' }

const electron: Shell = async (dataDir, createCore, log) => {
  resetElectronMock()
  app.getPath.mockImplementation(() => dataDir)
  app.getVersion.mockReturnValue('0.1.0-test')
  startApp({
    location,
    trayIcons: { x1: '/res/tray.png', x2: '/res/tray@2x.png', template: false },
    createCore,
    startDemo,
    log,
    process: new EventEmitter()
  })
  await flush()
  const [window] = BrowserWindowMock.instances
  if (window === undefined) throw new Error('no window')
  window.webContents.mainFrame.url = 'app://ringside/index.html'
  const sender = {
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame
  } as unknown as IpcMainInvokeEvent
  const reply = (await ipcMain.invoke('settings:get', sender)) as { value?: unknown }
  return {
    settings: reply.value,
    close: async () => {
      app.emit('before-quit', { preventDefault: () => undefined })
      await flush()
    }
  }
}

let site: TempSite
const web: Shell = async (dataDir, createCore, log) => {
  const host = await startWebHost({ dataDir, staticDir: site.root, createCore, log })
  await host.begin()
  const page = await authed(Number(new URL(host.url).port), secretOf(host.url))
  page.send({ id: 1, channel: 'settings:get', args: [] })
  const reply = (await page.next((f) => f['id'] === 1))['envelope'] as { value?: unknown }
  page.ws.terminate()
  return { settings: reply.value, close: () => host.close() }
}

const dirs: string[] = []
/** The `[policy]` lines of the last run. */
let policyLines: string[] = []
async function run(
  shell: Shell,
  settingsFile: (file: string) => void,
  policyFile?: (file: string) => void
): Promise<Outcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-host-table-'))
  dirs.push(dataDir)
  settingsFile(join(dataDir, 'settings.json'))
  // Always a file of the test's own, so a policy on the machine running the tests is never read.
  vi.stubEnv('RINGSIDE_POLICY_FILE', join(dataDir, 'policy.json'))
  policyFile?.(join(dataDir, 'policy.json'))
  const fake: FakeCore = fakeCore()
  const createCore = vi.fn((_options: CoreOptions): Core => fake.core)
  const lines: string[] = []
  const started = await shell(dataDir, createCore, (line) => lines.push(line))
  await started.close()
  policyLines = lines.filter((line) => line.startsWith('[policy]'))
  const options = createCore.mock.calls[0]?.[0]
  if (options === undefined || createCore.mock.calls.length !== 1) throw new Error('no one core')
  return {
    server: options.server,
    clientId: options.client.clientId,
    preferredDeviceId: options.preferredDeviceId,
    settings: started.settings,
    problems: lines.filter((line) => line.startsWith('[settings]')),
    demoStarted: fake.spies.signInDemo.mock.calls.length === 1
  }
}

const json =
  (value: unknown) =>
  (file: string): void =>
    writeFileSync(file, JSON.stringify(value))
const settings = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch })
const PRODUCTION = 'https://platform.ringcentral.com'
const UNREADABLE =
  '[settings] The saved settings could not be read; Ringside started with its defaults.'

/** What both shells make of a file that changes nothing: production, the defaults, the demo. */
const outcome = (patch: Partial<Outcome>): Outcome => ({
  server: PRODUCTION,
  clientId: 'table-client',
  preferredDeviceId: undefined,
  settings: DEFAULT_SETTINGS,
  problems: [],
  demoStarted: true,
  ...patch
})

/** Each table's temporary site for browser mode, and each row's data directories removed after it. */
function tableHooks(): void {
  beforeAll(() => {
    site = tempSite()
  })
  afterEach(() => {
    vi.unstubAllEnvs()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  afterAll(() => site.cleanup())
}

interface Row {
  readonly clientIdEnv: string | undefined
  readonly file: (file: string) => void
  readonly expected: Outcome
}

const rows: Array<[string, Row]> = [
  [
    'a valid file',
    {
      clientIdEnv: 'table-client',
      file: json({
        server: 'https://platform.devtest.ringcentral.com',
        theme: 'dark',
        preferredDeviceId: 'd-7'
      }),
      expected: outcome({
        server: 'https://platform.devtest.ringcentral.com',
        preferredDeviceId: 'd-7',
        settings: settings({
          server: 'https://platform.devtest.ringcentral.com',
          theme: 'dark',
          preferredDeviceId: 'd-7'
        })
      })
    }
  ],
  [
    'an invalid saved server',
    {
      clientIdEnv: 'table-client',
      file: json({ server: 'ftp://files.example.com' }),
      expected: outcome({
        // The file is left as the agent saved it; only the core is kept off the bad address.
        settings: settings({ server: 'ftp://files.example.com' }),
        problems: ['[settings] the saved server address is not valid; using RingCentral production']
      })
    }
  ],
  [
    'no RINGSIDE_CLIENT_ID in the environment',
    {
      clientIdEnv: undefined,
      file: json({ theme: 'light' }),
      expected: outcome({
        clientId: CLIENT_ID_PLACEHOLDER,
        settings: settings({ theme: 'light' })
      })
    }
  ],
  [
    'an unreadable file (a directory)',
    {
      clientIdEnv: 'table-client',
      file: (file) => mkdirSync(file),
      expected: outcome({
        problems: [UNREADABLE]
      })
    }
  ],
  [
    'a file that is not JSON',
    {
      clientIdEnv: 'table-client',
      file: (file) => writeFileSync(file, '{"server": "https://'),
      expected: outcome({
        problems: [UNREADABLE]
      })
    }
  ]
]

describe('one host for both shells', () => {
  tableHooks()

  it.each(rows)('the desktop and browser mode agree on %s', async (_name, row) => {
    vi.stubEnv('RINGSIDE_CLIENT_ID', row.clientIdEnv)

    const desktop = await run(electron, row.file)
    const browser = await run(web, row.file)

    expect(desktop).toEqual(row.expected)
    expect(browser).toEqual(row.expected)
  })
})

interface PolicyRow {
  readonly settingsFile: (file: string) => void
  readonly policy: (file: string) => void
  readonly expected: Outcome
  readonly policyLines: readonly string[]
}

const POLICY = {
  version: 1,
  server: { value: 'https://platform.devtest.ringcentral.com/', locked: true },
  clientId: { value: 'policy-client', locked: true },
  popupStyle: { value: 'native', locked: false },
  preferredDeviceId: { value: 'd-policy', locked: true },
  disableDemo: true
}

const policyRows: Array<[string, PolicyRow]> = [
  [
    'a valid policy: locked values win over the saved ones, unlocked ones are defaults',
    {
      settingsFile: json({
        server: 'https://platform.ringcentral.com',
        preferredDeviceId: 'd-own'
      }),
      policy: json(POLICY),
      expected: outcome({
        server: 'https://platform.devtest.ringcentral.com',
        clientId: 'policy-client',
        preferredDeviceId: 'd-policy',
        // The agent's file names two fields, so the unlocked popupStyle is the policy's start.
        settings: settings({
          server: 'https://platform.devtest.ringcentral.com',
          preferredDeviceId: 'd-policy',
          popupStyle: 'native'
        }),
        demoStarted: false
      }),
      policyLines: [
        expect.stringMatching(
          /^\[policy\] applied .*policy\.json \(locks server, clientId, preferredDeviceId\)$/
        )
      ]
    }
  ],
  [
    "a policy with an unknown key: refused whole, the agent's settings, the demo off",
    {
      settingsFile: json({ theme: 'dark' }),
      policy: json({ ...POLICY, popUpStyle: { value: 'window', locked: true } }),
      expected: outcome({
        settings: settings({ theme: 'dark' }),
        demoStarted: false
      }),
      policyLines: [
        expect.stringContaining(
          'could not be read and was NOT applied (the demo stays off): popUpStyle: the policy has no "popUpStyle"'
        )
      ]
    }
  ],
  [
    'a policy with a wrong type: refused whole',
    {
      settingsFile: json({}),
      policy: json({ ...POLICY, popupStyle: { value: 'tray', locked: true } }),
      expected: outcome({
        demoStarted: false
      }),
      policyLines: [
        expect.stringContaining(
          'popupStyle.value: expected "window" | "native" | "none", got "tray"'
        )
      ]
    }
  ],
  [
    'an unreadable policy (a directory): refused, the demo off',
    {
      settingsFile: json({}),
      policy: (file) => mkdirSync(file),
      expected: outcome({
        demoStarted: false
      }),
      policyLines: [expect.stringContaining('the file could not be read (EISDIR)')]
    }
  ],
  [
    'no policy file: nothing changes and nothing is logged',
    {
      settingsFile: json({}),
      policy: () => undefined,
      expected: outcome({}),
      policyLines: []
    }
  ]
]

describe('one admin policy for both shells', () => {
  tableHooks()

  it.each(policyRows)('the desktop and browser mode agree on %s', async (_name, row) => {
    vi.stubEnv('RINGSIDE_CLIENT_ID', 'table-client')

    const desktop = await run(electron, row.settingsFile, row.policy)
    const desktopLines = policyLines
    const browser = await run(web, row.settingsFile, row.policy)

    expect(desktop).toEqual(row.expected)
    expect(browser).toEqual(row.expected)
    expect(desktopLines).toEqual(row.policyLines)
    expect(policyLines).toEqual(row.policyLines)
  })
})
