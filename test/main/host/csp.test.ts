import { describe, expect, it } from 'vitest'
import { CONNECT_META, phoneSources, withConnectMeta } from '../../../src/main/host/csp'
import { rendererCsp } from '../../../src/main/host/renderer-csp'

/** What both shells serve: the renderer's one policy with the provisioned proxies' origins. */
const phoneCsp = (proxies: readonly string[]): string => rendererCsp(phoneSources(proxies))

const connectSrc = (csp: string): string =>
  csp.split('; ').find((d) => d.startsWith('connect-src ')) ?? ''

describe('the renderer CSP with the phone', () => {
  it('adds wss:// of each provisioned proxy and nothing else', () => {
    const csp = phoneCsp(['127.0.0.1:5443', '127.0.0.1:5443', 'sip.example.com:8083/ws'])
    expect(connectSrc(csp)).toBe(
      "connect-src 'self' wss://127.0.0.1:5443 wss://sip.example.com:8083"
    )
    // Only connect-src changes.
    expect(csp.replace(connectSrc(csp), '')).toBe(
      rendererCsp().replace(connectSrc(rendererCsp()), '')
    )
  })
  it('is the plain policy without a phone', () => {
    expect(phoneCsp([])).toBe(rendererCsp())
  })
  it('drops what could bend the policy', () => {
    expect(
      phoneSources(["evil.example:1; script-src 'unsafe-inline'", '*:443', 'wss://x:1', 'a b:1'])
    ).toEqual([])
    expect(connectSrc(phoneCsp(["evil.example:1; script-src 'unsafe-inline'"]))).toBe(
      "connect-src 'self'"
    )
  })
})

describe('the meta tag that names what the header admits', () => {
  const html = '<!doctype html><html><head><title>R</title></head><body></body></html>'
  it('names the origins right after <head>, and nothing else changes', () => {
    const out = withConnectMeta(html, ['wss://127.0.0.1:5443', 'wss://sip.example.com:8083'])
    expect(out).toBe(
      html.replace(
        '<head>',
        `<head><meta name="${CONNECT_META}" content="wss://127.0.0.1:5443 wss://sip.example.com:8083">`
      )
    )
  })
  it('cannot break out of its attribute', () => {
    const out = withConnectMeta(html, ['wss://x:1"><script>alert(1)</script>'])
    expect(out).not.toContain('<script>')
    expect(out.match(/<meta /g)).toHaveLength(1)
  })
})
