/**
 * The IPC channel and event names, and the result envelope, without io-ts. The preload needs the
 * names (its transport refuses anything else) and the envelope shape, but not the codecs: main's
 * router decodes every argument, and every reply the preload reads comes from main. Keeping the
 * codecs out of this module keeps io-ts and fp-ts out of the preload bundle (about 90 KB, which a
 * sandboxed preload parses again in every window). contract.ts checks that its table has exactly
 * these channels.
 */
import type { StatePatch } from '../state/patches'
import type { OpenCall } from './open-call'
import type { PopupView, StatusView } from './status'

export const CHANNELS = [
  'app:version',
  'app:open-external',
  'sign-in:start-demo',
  'sign-in:open-browser',
  'sign-in:cancel',
  'sign-in:submit-jwt',
  'sign-in:sign-out',
  'sign-in:set-server',
  'state:get',
  'connection:retry-now',
  'calls:pick-up-parked',
  'calls:answer',
  'calls:hold',
  'calls:unhold',
  'calls:pick-up',
  'phone:setup',
  'phone:report',
  'devices:list',
  'directory:list',
  'lines:set-monitored',
  'settings:get',
  'settings:update',
  'settings:status',
  'diagnostics:get',
  'diagnostics:export',
  'popup:report'
] as const

export type Channel = (typeof CHANNELS)[number]

/** Events main sends to the renderer, with their payloads. */
export interface Events {
  'state:patch': { readonly patches: readonly StatePatch[] }
  'state:status': StatusView
  'notify:popup': PopupView
  /** The agent clicked a call's native notification: open the pane on that call. */
  'notify:open-call': OpenCall
}
export type EventName = keyof Events
export const EVENT_NAMES: readonly EventName[] = [
  'state:patch',
  'state:status',
  'notify:popup',
  'notify:open-call'
]

/** What every handler returns: never a thrown error (only `message` would survive IPC). */
export type Envelope<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EnvelopeError }

/**
 * A refusal as the renderer shows it: `message` for the agent; `detail`, when there is one, for IT
 * under "technical detail" (a platform error code and what it refused, never a secret).
 */
export interface EnvelopeError {
  readonly code: string
  readonly message: string
  readonly detail?: string
}

/** Whether a reply has the envelope's shape; its value is the channel's business. */
export function isEnvelopeShape(u: unknown): u is Envelope<unknown> {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const r = u as { ok?: unknown; error?: unknown }
  if (r.ok === true) return true
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false
  const e = r.error as { code?: unknown; message?: unknown }
  return typeof e.code === 'string' && typeof e.message === 'string'
}
