import { describe, expect, it } from 'vitest'
import { redirectAllowed } from '../../../../src/emulator/platform/oauth/redirect-rule'

const URI = 'http://127.0.0.1:51731/oauth/callback'

describe('redirect URI rule (OAU-109)', () => {
  it('exact: only a registered URI, character for character', () => {
    const app = { redirectUris: [URI], redirectPolicy: 'exact' as const }
    expect(redirectAllowed(app, URI)).toBe(true)
    expect(redirectAllowed(app, 'http://127.0.0.1:51733/oauth/callback')).toBe(false)
    expect(redirectAllowed(app, 'http://127.0.0.1/oauth/callback')).toBe(false)
    expect(redirectAllowed(app, 'http://localhost:51731/oauth/callback')).toBe(false)
    expect(redirectAllowed(app, `${URI}/`)).toBe(false)
    expect(redirectAllowed(app, 'not a url')).toBe(false)
    expect(redirectAllowed({ redirectUris: [], redirectPolicy: 'exact' }, URI)).toBe(false)
  })

  it('loopback-any-port (the demo registration): RFC 8252 §7.3 any port, never another host', () => {
    const open = { redirectUris: [], redirectPolicy: 'loopback-any-port' as const }
    expect(redirectAllowed(open, 'http://127.0.0.1:40000/oauth/callback')).toBe(true)
    expect(redirectAllowed(open, 'https://evil.example/cb')).toBe(false)
    const listed = {
      redirectUris: ['http://127.0.0.1/cb'],
      redirectPolicy: 'loopback-any-port' as const
    }
    expect(redirectAllowed(listed, 'http://127.0.0.1:40000/cb')).toBe(true)
    expect(redirectAllowed(listed, 'http://127.0.0.1:40000/other')).toBe(false)
  })
})
