/**
 * Browser mode: the same core and handlers as the Electron app, in plain Node, serving the built
 * renderer on 127.0.0.1 and bridging `window.ringside` over a WebSocket (docs/architecture.md,
 * "three runtimes, one core"). Used on thin clients and VDI, and to test the UI in headless
 * Chromium, which cannot run Electron.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHandlers } from '../host/handlers'
import { createSettingsStore, type SettingsStore } from '../host/settings-store'
import { createKeyFileVault } from '../core/auth'
import { type Core, type CoreOptions, createCore } from '../core/core'
import { startEmbeddedEmulator } from '../core/demo'
import type { BridgeTuning } from './bridge'
import { forwardCoreEvents } from './core-events'
import { createUrlOpener, type OpenWith } from './open-url'
import { startWebServer, type WebServer } from './server'

/** Where `npx electron-vite build` writes the renderer, relative to this file (src/main/web). */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url))

export interface WebHostOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** Token vault (key file + sealed tokens) and settings.json live here; created 0700. */
  readonly dataDir: string
  readonly staticDir?: string
  /** A core built by the caller (tests); the host then neither creates nor stops it. */
  readonly core?: Core
  /** Overrides for the core the host creates. */
  readonly coreOptions?: Partial<CoreOptions>
  readonly appVersion?: string
  /** How sign-in and external links reach a browser: printed (default) or `xdg-open`. */
  readonly openWith?: OpenWith
  readonly tuning?: Partial<BridgeTuning>
  /** Diagnostics; default stderr (stdout belongs to the CLI's ready line). */
  readonly log?: (line: string) => void
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/#s=SECRET`. The secret is in the fragment, so no request carries it. */
  readonly url: string
  readonly origin: string
  readonly core: Core
  readonly settings: SettingsStore
  close(): Promise<void>
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')
    ) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`))
  const appVersion = options.appVersion ?? process.env['npm_package_version'] ?? packageVersion()
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const settings = createSettingsStore(join(options.dataDir, 'settings.json'), {
    onListenerError: (error) =>
      log(`[web] a settings listener failed (${error instanceof Error ? error.name : 'error'})`)
  })
  if (settings.problem) log(`[web] ${settings.problem}`)
  const open = createUrlOpener(options.openWith ?? 'print', log)
  const saved = settings.get()
  const core =
    options.core ??
    createCore({
      vault: createKeyFileVault({
        dir: options.dataDir,
        onCorrupt: (why) => log(`[web] stored sign-in discarded: ${why}`)
      }),
      browser: { open },
      appVersion,
      // A public PKCE client for browser sign-in; no secret ships with the app (RFC 8252 §8.5).
      client: { clientId: process.env['RINGSIDE_CLIENT_ID'] ?? 'ringside' },
      server: saved.server,
      subscription: saved.subscription,
      ...(saved.preferredDeviceId ? { preferredDeviceId: saved.preferredDeviceId } : {}),
      startDemo: () => startEmbeddedEmulator(),
      ...options.coreOptions
    })
  const handlers = createHandlers({ core, settings, appVersion, openExternal: open })
  let web: WebServer
  try {
    web = await startWebServer({
      handlers,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      ...(options.port !== undefined ? { port: options.port } : {}),
      forward: (emit) => forwardCoreEvents(core, settings, emit),
      // A page that (re)connects gets the current status at once instead of waiting for a change.
      greeting: () => [{ event: 'state:status', payload: core.status() }],
      log,
      ...(options.tuning ? { tuning: options.tuning } : {})
    })
  } catch (error) {
    if (!options.core) await core.stop()
    throw error
  }
  let closing: Promise<void> | undefined
  return {
    url: web.url,
    origin: web.origin,
    core,
    settings,
    close() {
      closing ??= (async () => {
        await web.close()
        if (!options.core) await core.stop()
      })()
      return closing
    }
  }
}
