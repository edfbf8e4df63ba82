import { describe, expect, it } from 'vitest'
import { classifyRefreshError, signInError } from '../../../../src/main/core/auth/classify'
import { AuthError } from '../../../../src/main/core/auth/errors'
import { isLoopbackHost, parseServerUrl } from '../../../../src/main/core/auth/server-url'

function apiError(status: number, body: unknown, headers: Record<string, string> = {}): Error {
  const response = new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers
  })
  return Object.assign(new Error(`${status}`), { response })
}

function netError(code: string): Error {
  return Object.assign(new Error(`request failed, reason: ${code}`), { code, type: 'system' })
}

describe('classifyRefreshError', () => {
  it.each([
    ['ECONNRESET', netError('ECONNRESET')],
    ['ETIMEDOUT', netError('ETIMEDOUT')],
    ['undici fetch failed', new TypeError('fetch failed', { cause: netError('ECONNREFUSED') })],
    ['503', apiError(503, 'Service Unavailable')],
    ['502 html', apiError(502, '<html>bad gateway</html>')],
    ['408', apiError(408, {})],
    ['captive portal JSON error', new SyntaxError('Unexpected token <')]
  ])('%s is transient', async (_, error) => {
    expect((await classifyRefreshError(error)).kind).toBe('transient')
  })

  it('reads Retry-After on 429', async () => {
    const verdict = await classifyRefreshError(
      apiError(429, { errorCode: 'CMN-301' }, { 'Retry-After': '60' })
    )
    expect(verdict).toEqual({ kind: 'transient', retryAfterMs: 60_000 })
  })

  it.each([
    [
      'invalid_grant',
      apiError(400, { error: 'invalid_grant', error_description: 'Token not found' })
    ],
    [
      'OAU revocation',
      apiError(401, { errors: [{ errorCode: 'OAU-211', message: 'Token is revoked' }] })
    ],
    ['missing refresh token', new Error('Refresh token is missing')],
    ['expired refresh token', new Error('Refresh token has expired')]
  ])('%s is permanent with a "signed out" reason', async (_, error) => {
    const verdict = await classifyRefreshError(error)
    expect(verdict.kind).toBe('permanent')
    expect(verdict.kind === 'permanent' && verdict.error.code).toBe('revoked')
  })
})

describe('signInError', () => {
  it('maps failures to messages a user understands', async () => {
    const bad = await signInError(apiError(400, { error: 'invalid_grant', error_description: 'x' }))
    expect(bad.code).toBe('invalid-credentials')
    expect(bad.message).toMatch(/did not accept/)
    expect((await signInError(netError('ECONNREFUSED'))).code).toBe('unreachable')
    expect((await signInError(apiError(500, {}))).code).toBe('unreachable')
    expect((await signInError(apiError(415, {}))).code).toBe('protocol')
    const redirect = await signInError(
      apiError(400, { error: 'invalid_request', errors: [{ errorCode: 'OAU-109' }] })
    )
    expect(redirect.code).toBe('redirect-not-registered')
    expect(redirect.message).toMatch(/not registered for this RingCentral app/)
    expect(redirect.detail).toContain('OAU-109')
    const own = new AuthError('cancelled')
    expect(await signInError(own)).toBe(own)
  })
})

describe('parseServerUrl', () => {
  it('accepts https anywhere and http only to this computer', () => {
    expect(parseServerUrl('https://platform.ringcentral.com')).toBe(
      'https://platform.ringcentral.com'
    )
    expect(parseServerUrl(' https://rc.example.com:8443/ ')).toBe('https://rc.example.com:8443')
    expect(parseServerUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000')
    expect(parseServerUrl('http://[::1]:4000')).toBe('http://[::1]:4000')
    expect(parseServerUrl('http://localhost:4000')).toBe('http://localhost:4000')
  })

  it.each([
    'http://platform.ringcentral.com',
    'http://10.0.0.1',
    'http://127.0.0.1.evil.example',
    'ftp://127.0.0.1',
    'javascript:alert(1)',
    'https://user:pass@rc.example.com',
    'https://rc.example.com/path',
    'https://rc.example.com/?q=1',
    'not a url'
  ])('refuses %s', (input) => {
    expect(() => parseServerUrl(input)).toThrow(AuthError)
  })

  it('knows the loopback hosts', () => {
    expect(isLoopbackHost('127.8.9.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
  })
})
