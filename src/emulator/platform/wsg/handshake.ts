import type { WsPrincipal } from '../oauth/tokens'
import type { WsgSession } from './session'

/** What a new socket gets, decided from its query string (docs/platform.md#connecting). */
export type Handshake =
  | { readonly kind: 'missing-token' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'malformed-wsc' }
  | { readonly kind: 'fresh'; readonly principal: WsPrincipal }
  | {
      readonly kind: 'recovery-failed'
      readonly principal: WsPrincipal
      readonly code: 'WSG-1003' | 'WSG-1005'
      /** Old session to discard (expired or without subscription). */
      readonly discard: WsgSession | undefined
    }
  | { readonly kind: 'recovered'; readonly principal: WsPrincipal; readonly session: WsgSession }

/** Our wsc tokens; anything else is "garbage" → WSG-400 + close. */
export const WSC_FORMAT = /^EMU-WSC-[A-Za-z0-9_-]{32}$/

export interface HandshakeInput {
  readonly accessToken: string | null
  readonly wsc: string | null
  readonly resolveToken: (token: string) => WsPrincipal | undefined
  /** Alive sessions only (the caller sweeps expired ones first). */
  readonly findSession: (wsc: string) => WsgSession | undefined
}

export function decideHandshake(input: HandshakeInput): Handshake {
  if (input.accessToken === null || input.accessToken === '') return { kind: 'missing-token' }
  const principal = input.resolveToken(input.accessToken)
  if (principal === undefined) return { kind: 'unauthorized' }
  if (input.wsc === null) return { kind: 'fresh', principal }
  if (!WSC_FORMAT.test(input.wsc)) return { kind: 'malformed-wsc' }
  const old = input.findSession(input.wsc)
  if (old === undefined)
    return { kind: 'recovery-failed', principal, code: 'WSG-1005', discard: undefined }
  // A refreshed access token of the SAME OAuth session may recover; another session may not
  // (tylerlong/rc-ws-recover-test experiments 3 and 4).
  if (old.principal.oauthSessionId !== principal.oauthSessionId) {
    return { kind: 'recovery-failed', principal, code: 'WSG-1003', discard: undefined }
  }
  if (old.subscription === undefined) {
    return { kind: 'recovery-failed', principal, code: 'WSG-1005', discard: old }
  }
  return { kind: 'recovered', principal, session: old }
}
