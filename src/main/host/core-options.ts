/**
 * What the core is built from, decided once for both shells: the server the agent saved (or
 * production when the file holds one the core would refuse) and the RingCentral app registration.
 * When each shell decided this for itself they drifted: browser mode refused to start on a saved
 * `ftp://…` server that the desktop quietly replaced.
 */
import { parseServerUrl, PRODUCTION_SERVER } from '../core/auth'
import { LoopbackPorts } from '../core/auth/loopback-ports'
import type { Policy } from './policy'

/**
 * Stands in for Ringside's RingCentral app registration until there is one. Browser sign-in needs a
 * real client id: register your RingCentral app (3-legged OAuth with PKCE, no client secret; redirect
 * URIs `http://127.0.0.1:{port}/oauth/callback` for a few fixed ports) and set it in
 * RINGSIDE_CLIENT_ID, and the same ports in RINGSIDE_LOOPBACK_PORTS. The demo and JWT sign-in work
 * without it.
 */
export const CLIENT_ID_PLACEHOLDER = 'register-your-ringcentral-app-and-set-RINGSIDE_CLIENT_ID'

/** Logged (after `[settings] `) when the saved server is replaced by production. */
export const INVALID_SERVER_PROBLEM =
  'the saved server address is not valid; using RingCentral production'

/**
 * The client id for browser sign-in: a public PKCE client, so no secret ships with the app
 * (RFC 8252 §8.5). An empty variable counts as unset: it is what `RINGSIDE_CLIENT_ID= npm start`
 * leaves behind, and no registration has an empty id.
 */
export function clientIdFrom(env: Readonly<Record<string, string | undefined>>): string {
  return env['RINGSIDE_CLIENT_ID'] || CLIENT_ID_PLACEHOLDER
}

/** The saved server, or production when the file holds something the core would refuse. */
export function serverFrom(saved: string, log: (line: string) => void): string {
  try {
    return parseServerUrl(saved)
  } catch {
    log(`[settings] ${INVALID_SERVER_PROBLEM}`)
    return PRODUCTION_SERVER
  }
}

/**
 * What the admin policy decides for the core, over the environment (docs/deployment.md): its
 * client id, and its registered loopback redirect ports, which a locked entry keeps the
 * environment from replacing. An unlocked entry gives way to `RINGSIDE_LOOPBACK_PORTS` when that
 * is set (`fromEnv`), so one desktop can be tried on other ports without editing the policy.
 */
export function policyCoreOptions(
  policy: Policy | undefined,
  fromEnv: { readonly loopbackPorts?: readonly number[] | undefined } = {}
): { readonly clientId?: string; readonly loopbackPorts?: readonly number[] } {
  if (policy === undefined) return {}
  const ports = policy.loopbackPorts
  const loopbackPorts =
    ports === undefined || (!ports.locked && fromEnv.loopbackPorts !== undefined)
      ? undefined
      : ports.value
  return {
    ...(policy.clientId ? { clientId: policy.clientId.value } : {}),
    ...(loopbackPorts ? { loopbackPorts } : {})
  }
}

/** Logged (after `[settings] `) when RINGSIDE_LOOPBACK_PORTS cannot be read. */
export const INVALID_PORTS_PROBLEM =
  'RINGSIDE_LOOPBACK_PORTS must be a comma-separated list of 1 to 10 ports (1024-65535); ignored'

/**
 * The loopback ports registered for browser sign-in, from `RINGSIDE_LOOPBACK_PORTS=51731,51732`
 * (an admin policy may set the same core option). Unset or empty: none, so the OS picks a port. A
 * value that does not decode is logged and ignored as a whole, never half-applied.
 */
export function loopbackPortsFrom(
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void
): readonly number[] {
  const raw = env['RINGSIDE_LOOPBACK_PORTS']?.trim()
  if (raw === undefined || raw === '') {
    return []
  }
  const parts = raw.split(',').map((part) => part.trim())
  const numbers = parts.map((part) => (/^\d{1,5}$/.test(part) ? Number(part) : Number.NaN))
  const decoded = LoopbackPorts.decode(numbers)
  if (decoded._tag === 'Left') {
    log(`[settings] ${INVALID_PORTS_PROBLEM}`)
    return []
  }
  return decoded.right
}
