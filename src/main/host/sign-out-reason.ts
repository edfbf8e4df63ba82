/**
 * Why the last sign-in ended (revoked, refresh refused, a registration problem), kept across a
 * restart in both shells: RingCentral's reason is gone with the tokens, and an agent who reopens
 * Ringside should still read why it wants a new sign-in. The file holds only the code and the
 * texts the sign-in view shows, which never contain a secret (core/auth/errors.ts); it is written
 * when a sign-in ends with a reason and removed once the agent signs in or signs out on purpose.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as t from 'io-ts'
import { AUTH_ERROR_CODES, type AuthErrorCode, type SignOutReason } from '../core/auth'
import type { AuthStatusView } from '../../shared/ipc/status'

export const SIGN_OUT_REASON_FILE = 'sign-out-reason.json'

const Code = new t.Type<AuthErrorCode, string, unknown>(
  'AuthErrorCode',
  (u): u is AuthErrorCode => typeof u === 'string' && AUTH_ERROR_CODES.includes(u as AuthErrorCode),
  (u, c) =>
    typeof u === 'string' && AUTH_ERROR_CODES.includes(u as AuthErrorCode)
      ? t.success(u as AuthErrorCode)
      : t.failure(u, c, 'a sign-in error code'),
  t.identity
)
const Text = t.refinement(t.string, (s) => s.length > 0 && s.length <= 1000, 'Text')

export const SavedSignOutReason = t.intersection([
  t.type({ code: Code, message: Text }),
  t.partial({ detail: Text })
])

/** The reason saved before this start, or undefined (none, or a file that does not decode). */
export function readSignOutReason(file: string): SignOutReason | undefined {
  try {
    const decoded = SavedSignOutReason.decode(JSON.parse(readFileSync(file, 'utf8')))
    return decoded._tag === 'Right' ? decoded.right : undefined
  } catch {
    return undefined
  }
}

/** Keeps `file` in step with the sign-in: written on an end with a reason, removed otherwise. */
export function keepSignOutReason(file: string, log: (line: string) => void) {
  return (state: AuthStatusView): void => {
    try {
      if (state.status === 'signed-out-with-reason') {
        writeFileSync(file, JSON.stringify(state.reason), { mode: 0o600 })
      } else if (state.status === 'signed-in' || state.status === 'signed-out') {
        rmSync(file, { force: true })
      }
    } catch (error) {
      log(`[settings] sign-out reason not kept (${error instanceof Error ? error.name : 'error'})`)
    }
  }
}
