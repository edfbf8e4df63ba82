import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlatform, staticDirectory, type Platform } from '../../../src/emulator/platform'
import { createAuthService } from '../../../src/main/core/auth/auth-service'
import type { AuthService } from '../../../src/main/core/auth/auth-types'
import { createKeyFileVault } from '../../../src/main/core/auth/key-file-vault'
import {
  keepSignOutReason,
  readSignOutReason,
  SIGN_OUT_REASON_FILE
} from '../../../src/main/host/sign-out-reason'
import { fakeBrowser } from '../core/auth/support/fake-browser'

/**
 * The sign-out reason survives a restart: the real SDK against the emulator ends the sign-in
 * (refresh token expired), the host keeps the reason, and a new AuthService over the same data
 * directory (the restart) says why again instead of a bare sign-in screen.
 */
const AGENT = '37439511'
const ME = '/restapi/v1.0/account/~/extension/~'
const directory = staticDirectory('37439510', [
  { id: AGENT, extensionNumber: '101', name: 'Ada Agent', type: 'User', status: 'Enabled' }
])

let platform: Platform | undefined
let dir: string | undefined
const services: AuthService[] = []
afterEach(async () => {
  for (const service of services.splice(0)) await service.signOut()
  await platform?.close()
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  platform = undefined
  dir = undefined
})

function boot(p: Platform, dataDir: string): { service: AuthService; file: string } {
  const file = join(dataDir, SIGN_OUT_REASON_FILE)
  const previous = readSignOutReason(file)
  const service = createAuthService({
    vault: createKeyFileVault({ dir: join(dataDir, 'vault') }),
    browser: fakeBrowser(),
    appVersion: '0.1.0-it',
    client: { clientId: p.clientId },
    server: p.url,
    ...(previous === undefined ? {} : { previousSignOutReason: previous })
  })
  // As createHost wires it.
  service.onChange(keepSignOutReason(file, () => undefined))
  services.push(service)
  return { service, file }
}

describe('sign-out reason after a restart', () => {
  it('is shown again after a restart, and forgotten once the agent signs in', async () => {
    platform = await createPlatform({
      port: 0,
      directory,
      defaultExtensionId: AGENT,
      autoApprove: true
    })
    dir = mkdtempSync(join(tmpdir(), 'ringside-reason-'))
    const first = boot(platform, dir)
    await first.service.signInWithJwt(platform.mintJwt(AGENT), {
      clientId: platform.clientId,
      clientSecret: platform.clientSecret
    })
    platform.control.expireTokens('all')
    await expect(first.service.sdk().get(ME)).rejects.toThrow()
    await vi.waitFor(() => expect(first.service.state.status).toBe('signed-out-with-reason'))
    const saved = readFileSync(first.file, 'utf8')
    expect(JSON.parse(saved)).toMatchObject({ code: 'revoked' })
    expect(saved).not.toContain(platform.clientSecret)

    // The restart: the vault is empty, the reason is not.
    const second = boot(platform, dir)
    await second.service.restore()
    expect(second.service.state).toEqual({
      status: 'signed-out-with-reason',
      reason: {
        code: 'revoked',
        message: expect.stringContaining('You were signed out of RingCentral')
      }
    })

    await second.service.signInWithBrowser()
    expect(second.service.state.status).toBe('signed-in')
    expect(existsSync(second.file)).toBe(false)
    const third = boot(platform, dir)
    expect(third.service.state.status).toBe('signed-out')
  })

  it('ignores a damaged or forged file', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringside-reason-'))
    const file = join(dir, SIGN_OUT_REASON_FILE)
    for (const text of ['{', '"x"', '{"code":"pwned","message":"x"}', '{"code":"revoked"}']) {
      writeFileSync(file, text)
      expect(readSignOutReason(file)).toBeUndefined()
    }
    writeFileSync(file, JSON.stringify({ code: 'revoked', message: 'm'.repeat(1001) }))
    expect(readSignOutReason(file)).toBeUndefined()
  })
})
