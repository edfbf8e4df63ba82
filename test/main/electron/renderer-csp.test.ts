import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createContentPolicy } from '../../../src/main/electron/content-policy'
import { rendererCsp } from '../../../src/main/host/renderer-csp'
import { SECURITY_HEADERS } from '../../../src/main/web/static-files'

const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8')

/** Directive name → sources. */
function parseCsp(content: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of content.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) {
      expect(directives.has(name.toLowerCase()), `${name} twice`).toBe(false)
      directives.set(name.toLowerCase(), values)
    }
  }
  return directives
}

describe('renderer Content-Security-Policy', () => {
  const csp = parseCsp(rendererCsp())

  it('is a header only: no meta policy in index.html would narrow it again', () => {
    expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i)
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(rendererCsp())
  })

  it('allows scripts and styles from the app only', () => {
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
  })

  it('never allows eval, inline script or inline style anywhere', () => {
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'")
      expect(sources, name).not.toContain("'wasm-unsafe-eval'")
      expect(sources, name).not.toContain("'unsafe-inline'")
      expect(sources, name).not.toContain('*')
    }
  })

  it('denies by default and locks down plugins, base URI, forms and framing', () => {
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('connects only to the app itself, with no loopback wildcard', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(rendererCsp()).not.toMatch(/ws:\/\/127\.0\.0\.1/)
  })
})

describe('the Electron content policy', () => {
  it("adds the phone's wss: proxy origins in one call", () => {
    const policy = createContentPolicy()
    policy.allowProxyOrigins(['wss://sip10.ringcentral.com:8083', 'wss://sip20.ringcentral.com'])

    expect(parseCsp(policy.csp()).get('connect-src')).toEqual([
      "'self'",
      'wss://sip10.ringcentral.com:8083',
      'wss://sip20.ringcentral.com'
    ])
    policy.allowProxyOrigins([])
    expect(parseCsp(policy.csp()).get('connect-src')).toEqual(["'self'"])
  })

  it.each([
    'ws://sip.ringcentral.com',
    'https://sip.ringcentral.com',
    'wss://*.ringcentral.com',
    'wss://sip.ringcentral.com/path',
    'wss://u:p@sip.ringcentral.com',
    "wss://sip.ringcentral.com; script-src 'unsafe-inline'",
    "'unsafe-inline'",
    '*',
    ''
  ])('refuses %j and keeps the policy it had', (origin) => {
    const policy = createContentPolicy()
    policy.allowProxyOrigins(['wss://sip10.ringcentral.com:8083'])
    const before = policy.csp()

    expect(() => policy.allowProxyOrigins(['wss://ok.ringcentral.com', origin])).toThrow(/wss/)
    expect(policy.csp()).toBe(before)
    expect(() => rendererCsp([origin])).toThrow(/wss/)
  })
})
