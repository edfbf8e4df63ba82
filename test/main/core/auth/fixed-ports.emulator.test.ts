import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createPlatform, staticDirectory, type Platform } from '../../../../src/emulator/platform'
import { createAuthService } from '../../../../src/main/core/auth/auth-service'
import type { AuthService } from '../../../../src/main/core/auth/auth-types'
import { AuthError } from '../../../../src/main/core/auth/errors'
import { createMemoryVault } from '../../../../src/main/core/auth/memory-vault'
import { fakeBrowser, type FakeBrowser } from './support/fake-browser'

/**
 * Browser sign-in against an app registration with exact redirect URIs, as RingCentral has them
 * (OAU-109): the real SDK over real sockets, the emulator's strict rule, fixed loopback ports.
 */
const AGENT = '37439511'
const directory = staticDirectory('37439510', [
  { id: AGENT, extensionNumber: '101', name: 'Ada Agent', type: 'User', status: 'Enabled' }
])

let platform: Platform | undefined
let service: AuthService | undefined
afterEach(async () => {
  await service?.signOut()
  await platform?.close()
  service = undefined
  platform = undefined
})

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

const callback = (port: number): string => `http://127.0.0.1:${port}/oauth/callback`

/** An emulator with a custom registration (strict by default) listing `registered` only. */
async function rig(
  registered: number,
  ports: readonly number[]
): Promise<{ service: AuthService; browser: FakeBrowser }> {
  platform = await createPlatform({ port: 0, directory, defaultExtensionId: AGENT })
  const app = platform.control.registerClient({
    redirectUris: [callback(registered)],
    autoApprove: true
  })
  const browser = fakeBrowser()
  service = createAuthService({
    vault: createMemoryVault(),
    browser,
    appVersion: '0.1.0-it',
    client: { clientId: app.clientId },
    server: platform.url,
    loopbackPorts: ports
  })
  return { service, browser }
}

describe('browser sign-in with registered loopback ports', () => {
  it('signs in on the registered port', async () => {
    const port = await freePort()
    const { service, browser } = await rig(port, [port])
    await service.signInWithBrowser()
    expect(service.state).toMatchObject({ status: 'signed-in', ownerId: AGENT, method: 'browser' })
    expect(new URL(browser.opened[0] ?? '').searchParams.get('redirect_uri')).toBe(callback(port))
    expect(browser.errors).toEqual([])
  })

  it('fails at once, explained, on a port the registration does not list', async () => {
    const registered = await freePort()
    const unregistered = await freePort()
    const { service, browser } = await rig(registered, [unregistered])
    const failure = await service.signInWithBrowser().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(AuthError)
    const error = failure as AuthError
    expect(error.code).toBe('redirect-not-registered')
    expect(error.message).toContain(`sign-in port ${unregistered} is not registered`)
    expect(error.message).toContain(`Ask IT to register ${callback(unregistered)}`)
    expect(error.detail).toContain('OAU-109 Redirect URIs do not match')
    // The browser never opened on a page that could only show the platform's error.
    expect(browser.opened).toEqual([])
    expect(service.state.status).not.toBe('signed-in')
  })

  it('says the port was picked by Ringside when none are configured', async () => {
    const registered = await freePort()
    const { service } = await rig(registered, [])
    const failure = await service.signInWithBrowser().catch((e: unknown) => e)
    expect(failure).toMatchObject({ code: 'redirect-not-registered' })
    expect((failure as AuthError).message).toContain('No sign-in ports are configured')
  })

  it('skips a registered port another program holds and signs in on the next', async () => {
    const held = createServer()
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve))
    try {
      const address = held.address()
      if (address === null || typeof address === 'string') throw new Error('no port')
      const next = await freePort()
      platform = await createPlatform({ port: 0, directory, defaultExtensionId: AGENT })
      const app = platform.control.registerClient({
        redirectUris: [callback(address.port), callback(next)],
        autoApprove: true
      })
      const browser = fakeBrowser()
      service = createAuthService({
        vault: createMemoryVault(),
        browser,
        appVersion: '0.1.0-it',
        client: { clientId: app.clientId },
        server: platform.url,
        loopbackPorts: [address.port, next]
      })
      await service.signInWithBrowser()
      expect(service.state).toMatchObject({ status: 'signed-in' })
      expect(new URL(browser.opened[0] ?? '').searchParams.get('redirect_uri')).toBe(callback(next))
    } finally {
      await new Promise<void>((resolve) => held.close(() => resolve()))
    }
  })
})
