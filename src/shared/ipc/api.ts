/**
 * Builds the `window.ringside` API from the contract over any transport: Electron IPC in the preload,
 * a loopback WebSocket in browser mode. One method per capability; `ipcRenderer` or the socket are
 * never exposed. Every method resolves to a result envelope and never rejects, so the stores handle
 * failures as data.
 *
 * Only types come from contract.ts, so this module (and the preload that bundles it) carries no
 * io-ts: a caller that wants results re-decoded passes `decodeResult` from contract.ts.
 */
import {
  type Channel,
  type Envelope,
  type EventName,
  type Events,
  isEnvelopeShape
} from './channels'
import type { ArgsOf, ResultOf } from './contract'

export interface Transport {
  invoke(channel: Channel, args: readonly unknown[]): Promise<unknown>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

/** A result's value decoded for its channel, or `undefined` when it does not fit. */
export type ResultDecoder = (
  channel: Channel,
  value: unknown
) => { readonly value: unknown } | undefined

/**
 * Without a decoder the value is passed on as main sent it. That is the preload's case: only main
 * answers `ipcRenderer.invoke`, main built the value from typed code, and a renderer that distrusts
 * main has already lost (main holds the tokens). The check that protects anything is main's decoding
 * of the renderer's arguments (host/dispatch.ts).
 */
const asSent: ResultDecoder = (_channel, value) => ({ value })

const failure = (code: string, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message }
})

async function invoke<C extends Channel>(
  transport: Transport,
  decode: ResultDecoder,
  channel: C,
  args: ArgsOf<C>
): Promise<Envelope<ResultOf<C>>> {
  let raw: unknown
  try {
    raw = await transport.invoke(channel, args as readonly unknown[])
  } catch (e) {
    return failure('transport', e instanceof Error ? e.message : String(e))
  }
  if (!isEnvelopeShape(raw)) return failure('protocol', `${channel}: malformed reply`)
  if (!raw.ok) return raw
  const value = decode(channel, raw.value)
  if (value === undefined) return failure('protocol', `${channel}: unexpected result`)
  return { ok: true, value: value.value as ResultOf<C> }
}

// The API's type is derived from this implementation (`RingsideApi = typeof api` in the preload):
// spelling it out here would be the second copy the shared contract exists to avoid.
// eslint-disable-next-line @typescript-eslint/explicit-function-return-type
export function createApi(transport: Transport, decodeResult: ResultDecoder = asSent) {
  const ch =
    <C extends Channel>(channel: C) =>
    (...args: ArgsOf<C>): Promise<Envelope<ResultOf<C>>> =>
      invoke(transport, decodeResult, channel, args)
  const on =
    <E extends EventName>(event: E) =>
    (listener: (payload: Events[E]) => void): (() => void) =>
      transport.on(event, listener)
  return {
    app: { version: ch('app:version'), openExternal: ch('app:open-external') },
    signIn: {
      startDemo: ch('sign-in:start-demo'),
      openBrowser: ch('sign-in:open-browser'),
      cancel: ch('sign-in:cancel'),
      submitJwt: ch('sign-in:submit-jwt'),
      signOut: ch('sign-in:sign-out'),
      setServer: ch('sign-in:set-server')
    },
    state: { get: ch('state:get') },
    connection: { retryNow: ch('connection:retry-now') },
    calls: {
      pickUpParked: ch('calls:pick-up-parked'),
      answer: ch('calls:answer'),
      hold: ch('calls:hold'),
      unhold: ch('calls:unhold'),
      pickUp: ch('calls:pick-up')
    },
    phone: { setup: ch('phone:setup'), report: ch('phone:report') },
    devices: { list: ch('devices:list') },
    directory: { list: ch('directory:list') },
    lines: { setMonitored: ch('lines:set-monitored') },
    settings: {
      get: ch('settings:get'),
      update: ch('settings:update'),
      status: ch('settings:status')
    },
    diagnostics: { get: ch('diagnostics:get'), exportBundle: ch('diagnostics:export') },
    popup: { report: ch('popup:report') },
    onState: on('state:patch'),
    onStatus: on('state:status'),
    onPopup: on('notify:popup'),
    onOpenCall: on('notify:open-call')
  }
}
