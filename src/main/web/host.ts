/**
 * Browser mode: the same core and handlers as the Electron app, in plain Node, serving the built
 * renderer on 127.0.0.1 and bridging `window.ringside` over a WebSocket
 * (docs/architecture.md#three-runtimes-one-core). Used on thin clients and VDI, and to test the UI
 * in headless Chromium, which cannot run Electron.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createHost, type HostPorts } from '../host/host'
import type { SettingsStore } from '../host/settings-store'
import { createKeyFileVault } from '../core/auth'
import { type Core, type CoreOptions, createCore } from '../core/core'
import { startEmbeddedEmulator } from '../core/demo'
import { phoneSources, withConnectMeta } from '../host/csp'
import { rendererCsp } from '../host/renderer-csp'
import type { EmitEvent } from '../../shared/ipc/contract'
import type { BridgeTuning } from './bridge'
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
  /** Builds the core from the host's options; default the real one (tests pass a fake). */
  readonly createCore?: (options: CoreOptions) => Core
  /** Overrides for the options the host builds the core with. */
  readonly coreOptions?: Partial<CoreOptions>
  readonly appVersion?: string
  /** How sign-in and external links reach a browser: printed (default) or `xdg-open`. */
  readonly openWith?: OpenWith
  /** `begin` starts the demo when nobody signed in before; default true. */
  readonly autoDemo?: boolean
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
  /** Resumes the stored sign-in, or starts the demo when there is none and `autoDemo` is on. */
  begin(): Promise<void>
  /**
   * A pop-up with this tag was clicked outside the page: the page opens the pane on its call
   * (the host's `openCall`, the same event the desktop sends). False when the tag names no call.
   */
  openCall(tag: string): boolean
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
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  // The bridge exists only once the server listens; until then there is no page to reach.
  let toPage: EmitEvent | undefined
  // The proxies the CSP header of the response being served admits (read just before its index).
  let served: string[] = []
  const host = createHost(hostPorts(options, log, (event, payload) => toPage?.(event, payload)))
  let web: WebServer
  try {
    web = await startWebServer({
      handlers: host.handlers,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      ...(options.port !== undefined ? { port: options.port } : {}),
      forward: (emit) => {
        toPage = emit
        return () => {
          toPage = undefined
        }
      },
      // A page that (re)connects gets the current status at once instead of waiting for a change.
      greeting: () => [{ event: 'state:status', payload: host.core.status() }],
      // The page's CSP admits the SIP proxies the core provisioned, and no other wss: origin.
      csp: () => {
        served = phoneSources(host.core.phone.proxies())
        return rendererCsp(served)
      },
      index: (html) => withConnectMeta(html, served),
      log,
      ...(options.tuning ? { tuning: options.tuning } : {})
    })
  } catch (error) {
    await host.stop()
    throw error
  }
  let closing: Promise<void> | undefined
  return {
    url: web.url,
    origin: web.origin,
    core: host.core,
    settings: host.settings,
    begin: () => host.begin(),
    openCall: (tag) => host.openCall(tag),
    close() {
      closing ??= (async () => {
        await web.close()
        await host.stop()
      })()
      return closing
    }
  }
}

/** Browser mode's ports: the key-file vault in the data directory, printed or xdg-opened URLs. */
function hostPorts(
  options: WebHostOptions,
  log: (line: string) => void,
  emit: EmitEvent
): HostPorts {
  const build = options.createCore ?? createCore
  const open = createUrlOpener(options.openWith ?? 'print', log)
  return {
    dataDir: options.dataDir,
    createVault: (onCorrupt) => createKeyFileVault({ dir: options.dataDir, onCorrupt }),
    createCore: (built) => build({ ...built, ...options.coreOptions }),
    startDemo: () => startEmbeddedEmulator(),
    openExternal: open,
    emit,
    appVersion: options.appVersion ?? process.env['npm_package_version'] ?? packageVersion(),
    autoDemo: options.autoDemo ?? true,
    log
  }
}
