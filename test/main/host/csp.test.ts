import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BASE_CONNECT_SRC, phoneSources, withPhoneCsp } from '../../../src/main/host/csp'

const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8')

describe('the renderer CSP with the phone', () => {
  it("is written against the connect-src the renderer's index.html really has", () => {
    expect(html).toContain(BASE_CONNECT_SRC)
  })
  it('adds wss:// of each provisioned proxy and nothing else', () => {
    const out = withPhoneCsp(html, ['127.0.0.1:5443', '127.0.0.1:5443', 'sip.example.com:8083/ws'])
    expect(out).toContain(`${BASE_CONNECT_SRC} wss://127.0.0.1:5443 wss://sip.example.com:8083;`)
    expect(
      out.replace(/wss:\/\/127\.0\.0\.1:5443 wss:\/\/sip\.example\.com:8083 ?/, '')
    ).not.toContain('wss:')
  })
  it('leaves the page as it is without a phone', () => {
    expect(withPhoneCsp(html, [])).toBe(html)
  })
  it('drops what could bend the policy', () => {
    expect(
      phoneSources(["evil.example:1; script-src 'unsafe-inline'", '*:443', 'wss://x:1', 'a b:1'])
    ).toEqual([])
  })
  it('fails closed on a page whose policy it does not recognise', () => {
    const other = html.replace(BASE_CONNECT_SRC, "connect-src 'self'")
    expect(withPhoneCsp(other, ['127.0.0.1:5443'])).toBe(other)
  })
})
