import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { protocol, resetElectronMock } from '../../setup/electron-mock'
import {
  APP_SCHEME_PRIVILEGES,
  handleAppProtocol,
  registerAppScheme
} from '../../../src/main/electron/app-protocol'
import { createContentPolicy } from '../../../src/main/electron/content-policy'

let base: string
let root: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ringside-protocol-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ringside</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, '.env'), 'SECRET=1')
  writeFileSync(join(base, 'secret.txt'), 'outside the bundle')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.js'))
})
afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

describe('the app:// scheme', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('is registered as a standard, secure scheme that neither bypasses CSP nor opens CORS', () => {
    registerAppScheme(protocol)
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }])
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      bypassCSP: false,
      corsEnabled: false
    })
  })

  it('serves the bundle with the CSP of the moment and the right types', async () => {
    const policy = createContentPolicy()
    handleAppProtocol(protocol, { root, csp: policy.csp })

    const index = await protocol.fetch('app://ringside/index.html')
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(policy.csp())
    expect(index.headers.get('cache-control')).toBe('no-store')
    expect(await index.text()).toContain('<title>Ringside</title>')

    const script = await protocol.fetch('app://ringside/assets/index-abc.js?v=1')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')

    // A proxy added at runtime is in the next response's policy.
    policy.allowProxyOrigins(['wss://sip10.ringcentral.com:8083'])
    const again = await protocol.fetch('app://ringside/')
    expect(again.headers.get('content-security-policy')).toContain(
      'wss://sip10.ringcentral.com:8083'
    )
  })

  it.each([
    'app://ringside/../secret.txt',
    'app://ringside/%2e%2e/secret.txt',
    'app://ringside/assets/..%2f..%2fsecret.txt',
    'app://ringside/assets%5c..%5c..%5csecret.txt',
    'app://ringside/..\\secret.txt',
    'app://ringside//etc/passwd',
    'app://ringside/%2fetc%2fpasswd',
    'app://ringside/C:/Windows/win.ini',
    'app://ringside/.env',
    'app://ringside/assets/',
    'app://ringside/assets/link.js',
    'app://ringside/index.html%00.js',
    'app://ringside/nope.html',
    'app://evil/index.html',
    'app://ringside.evil/index.html'
  ])('answers 404 for %s', async (url) => {
    handleAppProtocol(protocol, { root, csp: () => "default-src 'none'" })
    const response = await protocol.fetch(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toMatch(/outside the bundle|SECRET|root:/)
  })

  it('answers only GET', async () => {
    handleAppProtocol(protocol, { root, csp: () => "default-src 'none'" })
    const response = await protocol.fetch('app://ringside/index.html', {
      method: 'POST',
      body: 'x'
    })
    expect(response.status).toBe(404)
  })
})
