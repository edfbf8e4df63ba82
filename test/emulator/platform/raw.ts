import { WebSocket } from 'ws'
import type { Platform } from '../../../src/emulator/platform'
import { AGENT, waitFor, type Harness } from './helpers'

export type Frame = [Record<string, unknown>, unknown?]

/** A raw `ws` client that records every frame, for protocol-level assertions. */
export class RawClient {
  readonly frames: Frame[] = []
  readonly texts: string[] = []
  closeCode: number | undefined
  closed: Promise<number>

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8')
      this.texts.push(text)
      try {
        this.frames.push(JSON.parse(text) as Frame)
      } catch {
        // raw (garbage) frames are kept in `texts` only
      }
    })
    this.closed = new Promise((resolve) =>
      ws.on('close', (code: number) => {
        this.closeCode = code
        resolve(code)
      })
    )
  }

  static async open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url)
    const client = new RawClient(ws)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return client
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** Waits for a frame whose meta matches; returns it. */
  async next(
    match: (meta: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs = 3000
  ): Promise<Frame> {
    let found: Frame | undefined
    await waitFor(
      () => (found = this.frames.find((f) => match(f[0]))) !== undefined,
      what,
      timeoutMs
    )
    return found!
  }

  close(): void {
    this.ws.terminate()
  }
}

/** wstoken over raw fetch with a bearer token; returns the socket URL with its token. */
export async function wsUrlFor(platform: Platform, accessToken: string): Promise<string> {
  const res = await fetch(`${platform.url}/restapi/oauth/wstoken`, {
    method: 'POST',
    headers: { Authorization: `bearer ${accessToken}` }
  })
  const body = (await res.json()) as { uri: string; ws_access_token: string }
  return `${body.uri}?access_token=${body.ws_access_token}`
}

export function basicAuth(app: { clientId: string; clientSecret: string }): string {
  return `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`
}

/** Access token straight from the token endpoint (JWT grant), without an SDK. */
export async function accessTokenFor(
  platform: Platform,
  extensionId = AGENT,
  app: { clientId: string; clientSecret: string } = platform
): Promise<string> {
  const res = await fetch(`${platform.url}/restapi/oauth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: basicAuth(app)
    },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: platform.mintJwt(extensionId, { clientId: app.clientId })
    })
  })
  const body = (await res.json()) as TokenBody
  return body.access_token
}

export interface TokenBody {
  access_token: string
  refresh_token: string
  expires_in: number
  refresh_token_expires_in: number
  session_id: string
  [key: string]: unknown
}

/** POST /restapi/oauth/token with the default client's Basic auth; returns status and JSON. */
export async function tokenRequest(
  platform: Platform,
  form: Record<string, string>,
  app: { clientId: string; clientSecret: string } = platform
): Promise<{ status: number; body: TokenBody }> {
  const res = await fetch(`${platform.url}/restapi/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basicAuth(app) },
    body: new URLSearchParams(form)
  })
  return { status: res.status, body: (await res.json()) as TokenBody }
}

/** A raw socket that already got its ConnectionDetails. */
export interface RawSession {
  readonly client: RawClient
  readonly accessToken: string
  readonly wsUrl: string
  readonly wsc: { token: string; sequence: number }
}

export async function rawSession(
  platform: Platform,
  accessToken?: string,
  query = ''
): Promise<RawSession> {
  const token = accessToken ?? (await accessTokenFor(platform))
  const wsUrl = await wsUrlFor(platform, token)
  const client = await RawClient.open(`${wsUrl}${query}`)
  const [meta] = await client.next((m) => m['type'] === 'ConnectionDetails', 'ConnectionDetails')
  const wsc = meta['wsc'] as { token: string; sequence: number }
  return { client, accessToken: token, wsUrl, wsc }
}

/** `rawSession`, its client closed when the harness is disposed. */
export async function openSession(
  h: Pick<Harness, 'defer'>,
  ...args: Parameters<typeof rawSession>
): Promise<RawSession> {
  const s = await rawSession(...args)
  h.defer(() => s.client.close())
  return s
}

let counter = 0

/** Sends a ClientRequest and waits for the frame echoing its messageId. */
export async function rawRequest(
  client: RawClient,
  method: string,
  path: string,
  body?: unknown
): Promise<Frame> {
  const messageId = `test/${++counter}`
  const meta = { type: 'ClientRequest', messageId, method, path, headers: {} }
  client.send(body === undefined ? [meta] : [meta, body])
  return client.next((m) => m['messageId'] === messageId, `reply to ${method} ${path}`)
}

export function subscriptionBody(eventFilters: string[]): unknown {
  return { deliveryMode: { transportType: 'WebSocket' }, eventFilters }
}

/** POSTs a subscription for `eventFilters` over the socket; resolves with the reply frame. */
export function postSubscription(client: RawClient, eventFilters: string[]): Promise<Frame> {
  return rawRequest(client, 'POST', '/restapi/v1.0/subscription', subscriptionBody(eventFilters))
}
