/**
 * End-to-end support: the real renderer (built by electron-vite), served by browser mode with the
 * real core, signed in to the in-process emulator, driven in Debian's Chromium by playwright-core.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { CoreOptions } from '../../src/main/core/core'
import type { Emulator, EmulatorOptions } from '../../src/emulator'
import { startWebHost, type WebHost } from '../../src/main/web/host'
import { buildRendererIfStale } from '../../src/main/web/renderer-build'
import { testDemo } from '../support/demo-emulator'

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
export const SHOTS = resolve('test-results')

/** The selector of the element whose `data-testid` is `id`. */
export const byTestId = (id: string): string => `[data-testid="${id}"]`

/** Signs in with the demo (the embedded emulator) and waits until the connection is live. */
export async function signInDemo(page: Page): Promise<void> {
  await page.click(byTestId('signin-demo'))
  await page.waitForSelector(`${byTestId('connection-badge')}[data-status="live"]`)
}

let built: Promise<void> | undefined
/** The renderer as `npm start` and `npm run web` serve it; built at most once per test run. */
export function ensureRenderer(): Promise<void> {
  built ??= buildRendererIfStale().then(() => undefined)
  return built
}

/**
 * The one headless Chromium of the tests (the e2e suites and test/emulator/sip), with the phone's
 * flags; `extra` adds what one suite needs beyond them.
 */
export async function launchBrowser(extra: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // The machine has no network beyond loopback: background networking only produces errors.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      // Ringside's phone: the emulator's SIP side has a self-signed certificate, its media peer is
      // on loopback, and the microphone is a fake one that needs no prompt (docs/phone.md#media).
      '--ignore-certificate-errors',
      '--allow-loopback-in-peer-connection',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...extra
    ]
  })
}

export interface App {
  readonly host: WebHost
  readonly page: Page
  emulator(): Emulator
  shot(name: string): Promise<void>
  close(): Promise<void>
}

export interface OpenHooks {
  /** Runs once the host listens, before the page loads (an attack that must already be under way). */
  readonly beforeOpen?: (host: WebHost) => Promise<void> | void
  /** Runs on the new page before it loads the app (an init script that must see the first load). */
  readonly beforeLoad?: (page: Page) => Promise<void> | void
  /** Page errors a suite provokes on purpose (a socket failing while offline); others still fail. */
  readonly expectedErrors?: readonly RegExp[]
  /** Core options over the defaults below (a supervisor schedule, power events). */
  readonly coreOptions?: Partial<CoreOptions>
}

export async function openApp(
  browser: Browser,
  emulatorOptions: EmulatorOptions = {},
  viewport = { width: 1280, height: 800 },
  hooks: OpenHooks = {}
): Promise<App> {
  await ensureRenderer()
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-e2e-'))
  const demo = testDemo({ seed: 5, ...emulatorOptions })
  const host = await startWebHost({
    dataDir,
    log: () => undefined,
    coreOptions: {
      safetyPollMs: 0,
      supervisor: { backoff: { baseMs: 3_000, capMs: 6_000 }, silenceTimeoutMs: 10_000 },
      startDemo: demo.startDemo,
      ...hooks.coreOptions
    }
  })
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  // Below the test timeout, so a wait that never ends names its selector instead of the test timing out.
  page.setDefaultTimeout(15_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error' && !hooks.expectedErrors?.some((r) => r.test(m.text())))
      errors.push(m.text())
  })
  await hooks.beforeOpen?.(host)
  await hooks.beforeLoad?.(page)
  await page.goto(host.url)
  mkdirSync(SHOTS, { recursive: true })
  return {
    host,
    page,
    emulator: demo.emulator,
    shot: async (name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
    },
    close: async () => {
      await context.close()
      await host.close()
      await demo.close()
      rmSync(dataDir, { recursive: true, force: true })
      if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join('\n')}`)
    }
  }
}

/**
 * One Chromium and one app for a whole test file: opened before its first test, closed after its
 * last (the browser even when closing the app fails, for instance on page errors, so no Chromium is
 * left behind). The returned app reads through to the open one; using it outside a test throws.
 */
export function appPerFile(
  emulatorOptions: EmulatorOptions = {},
  viewport?: { width: number; height: number },
  hooks: OpenHooks = {}
): App {
  let browser: Browser | undefined
  let app: App | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser, emulatorOptions, viewport, hooks)
  }, 120_000)
  afterAll(async () => {
    try {
      await app?.close()
    } finally {
      await browser?.close()
    }
  })
  const open = (): App => {
    if (app === undefined) throw new Error('the app opens in beforeAll: use it inside a test')
    return app
  }
  return {
    get host() {
      return open().host
    },
    get page() {
      return open().page
    },
    emulator: () => open().emulator(),
    shot: (name) => open().shot(name),
    close: () => open().close()
  }
}
