/**
 * A real ringcentral-web-phone in real headless Chromium against `startEmulator`, for the SIP
 * side's tests. Every world owns its emulator, page server and browser context, and closes them;
 * the Chromium they run in is one per test file (launching one per world cost seconds each).
 */
import { SDK } from '@ringcentral/sdk'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll } from 'vitest'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator'
import type { SessionTruth } from '../../../src/emulator/callcentre/truth'
import { launchBrowser } from '../../e2e/support'
import { MemoryStorage } from '../../support/memory-storage'
import {
  servePhonePage,
  type PhonePage,
  type PhonePageApi,
  type SessionView,
  type SipInfo,
  type Started
} from './phone-page'

export interface Provisioned {
  readonly device: { id: string; type: string; extension: { extensionNumber: string } }
  readonly sipInfo: SipInfo[]
}

type Api = PhonePageApi
/** Calls `window.rs[method](...args)` in the page: the one typed door into the page script. */
export async function inPage<K extends keyof Api>(
  page: Page,
  method: K,
  ...args: Parameters<Api[K]>
): Promise<Awaited<ReturnType<Api[K]>>> {
  const result = await page.evaluate(
    ([m, a]) => {
      const rs = (globalThis as unknown as { rs: Record<string, (...x: unknown[]) => unknown> }).rs
      return rs[m]!(...a)
    },
    [method, args as unknown[]] as const
  )
  return result as Awaited<ReturnType<Api[K]>>
}

/** A control API answer. */
export interface Reply {
  readonly status: number
  readonly json: unknown
}

/** `GET /__emulator/sip/registrations` records (docs/emulator.md "SIP control"). */
export interface RegistrationRecord {
  readonly extensionId: string
  readonly extensionNumber: string
  readonly deviceId: string
  readonly contacts: ReadonlyArray<{
    readonly instanceId: string
    readonly contact: string
    readonly connection: string
    readonly expiresAt: string
    readonly expiresIn: number
  }>
}

/** `GET /__emulator/sip/dialogs` records. */
export interface DialogRecord {
  readonly callId: string
  readonly partyId: string
  readonly extensionId: string
  readonly initiator: 'platform' | 'phone'
  readonly state: string
  readonly platformTag: string
  readonly phoneTag?: string
  readonly autoAnswer: boolean
  readonly rtpReceived: number
}

export interface SipWorld {
  readonly emulator: Emulator
  readonly page: Page
  /** The real SDK signed in as the demo agent (the one `provision()` used last, or a new one). */
  sdk(): Promise<SDK>
  /** Signs `extensionId` in with the real SDK and provisions its WebPhone device. */
  provision(extensionId?: string): Promise<Provisioned>
  /** Starts a web phone in the page; returns its index or the failure. */
  startPhone(sipInfo: SipInfo, instanceId: string): Promise<Started>
  control(method: string, path: string, body?: unknown): Promise<Reply>
  truth(): Promise<SessionTruth[]>
  registrations(): Promise<RegistrationRecord[]>
  dialogs(): Promise<DialogRecord[]>
  view(): Promise<SessionView[]>
  act(i: number, action: string, arg?: string): Promise<unknown>
  close(): Promise<void>
}

/** Polls an async condition every 20 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

let browser: Promise<Browser> | undefined
/** The file's Chromium, launched with its first world. */
function fileBrowser(): Promise<Browser> {
  // The phone page plays the far end's tone without a click.
  browser ??= launchBrowser(['--autoplay-policy=no-user-gesture-required'])
  return browser
}
// Registered on import, so every file that starts worlds closes its Chromium after its last test.
afterAll(async () => {
  const launched = browser
  browser = undefined
  await (await launched?.catch(() => undefined))?.close()
})

export async function startSipWorld(options: EmulatorOptions = {}): Promise<SipWorld> {
  const emulator = await startEmulator({ port: 0, traffic: false, ...options })
  const sdks: SDK[] = []
  let pageServer: PhonePage | undefined
  let context: BrowserContext | undefined
  const close = async (): Promise<void> => {
    for (const sdk of sdks)
      await sdk
        .platform()
        .logout()
        .catch(() => undefined)
    await context?.close().catch(() => undefined)
    await pageServer?.close().catch(() => undefined)
    await emulator.close().catch(() => undefined)
  }
  const signIn = async (extensionId: string): Promise<SDK> => {
    const sdk = new SDK({
      server: emulator.url,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      localStorage: new MemoryStorage()
    })
    sdks.push(sdk)
    await sdk.platform().login({ jwt: emulator.mintJwt(extensionId) })
    return sdk
  }
  try {
    pageServer = await servePhonePage()
    context = await (await fileBrowser()).newContext()
    const page = await context.newPage()
    await page.goto(pageServer.url)
    const control = async (method: string, path: string, body?: unknown): Promise<Reply> => {
      const res = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      const text = await res.text()
      return { status: res.status, json: text === '' ? undefined : JSON.parse(text) }
    }
    return {
      emulator,
      page,
      sdk: async () => sdks.at(-1) ?? (await signIn(emulator.agentExtensionId)),
      provision: async (extensionId = emulator.agentExtensionId) => {
        const sdk = await signIn(extensionId)
        const res = await sdk
          .platform()
          .post('/restapi/v1.0/client-info/sip-provision', { sipInfo: [{ transport: 'WSS' }] })
        return (await res.json()) as Provisioned
      },
      startPhone: (sipInfo, instanceId) => inPage(page, 'start', sipInfo, instanceId),
      control,
      truth: async () => {
        const reply = await control('GET', '/__emulator/calls')
        return (reply.json as { records: SessionTruth[] }).records
      },
      registrations: async () => {
        const reply = await control('GET', '/__emulator/sip/registrations')
        return (reply.json as { records: RegistrationRecord[] }).records
      },
      dialogs: async () => {
        const reply = await control('GET', '/__emulator/sip/dialogs')
        return (reply.json as { records: DialogRecord[] }).records
      },
      view: () => inPage(page, 'view'),
      act: (i, action, arg) =>
        arg === undefined ? inPage(page, 'act', i, action) : inPage(page, 'act', i, action, arg),
      close
    }
  } catch (error) {
    await close()
    throw error
  }
}
