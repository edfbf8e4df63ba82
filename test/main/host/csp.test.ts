import { describe, expect, it } from 'vitest'
import { phoneCsp, phoneSources } from '../../../src/main/host/csp'
import { rendererCsp } from '../../../src/main/host/renderer-csp'

const connectSrc = (csp: string): string =>
  csp.split('; ').find((d) => d.startsWith('connect-src ')) ?? ''

describe('the renderer CSP with the phone', () => {
  it('adds wss:// of each provisioned proxy and nothing else', () => {
    const csp = phoneCsp(['127.0.0.1:5443', '127.0.0.1:5443', 'sip.example.com:8083/ws'])
    expect(connectSrc(csp)).toBe("connect-src 'self' wss://127.0.0.1:5443 wss://sip.example.com:8083")
    // Only connect-src changes.
    expect(csp.replace(connectSrc(csp), '')).toBe(rendererCsp().replace(connectSrc(rendererCsp()), ''))
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
