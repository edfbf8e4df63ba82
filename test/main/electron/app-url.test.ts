import { describe, expect, it } from 'vitest'
import { appUrlFor, isAppUrl } from '../../../src/main/electron/app-url'

const BUILT = 'file:///opt/Ringside/resources/app.asar/out/renderer/index.html'
const DEV = 'http://localhost:5173'

describe('appUrlFor', () => {
  it('prefers the dev server and falls back to the built file', () => {
    expect(appUrlFor({ devServerUrl: DEV, indexHtml: '/x/index.html' })).toBe(DEV)
    expect(appUrlFor({ indexHtml: '/x/index.html' })).toBe('file:///x/index.html')
  })
})

describe('isAppUrl', () => {
  it.each([
    [BUILT, BUILT],
    [`${BUILT}#/calls`, BUILT],
    [`${DEV}/`, DEV],
    [`${DEV}/src/main.ts?t=1`, DEV]
  ])('accepts our own page %s', (target, own) => {
    expect(isAppUrl(target, own)).toBe(true)
  })

  it.each([
    ['file:///etc/passwd', BUILT],
    ['file:///opt/Ringside/resources/app.asar/out/renderer/other.html', BUILT],
    ['https://evil.example/', BUILT],
    ['http://localhost:5173.evil.example/', DEV],
    ['http://localhost:5174/', DEV],
    ['https://localhost:5173/', DEV],
    ['http://evil.example/?u=http://localhost:5173', DEV],
    ['javascript:alert(1)', DEV],
    ['data:text/html,hi', BUILT],
    ['about:blank', BUILT],
    ['not a url', DEV]
  ])('rejects %s', (target, own) => {
    expect(isAppUrl(target, own)).toBe(false)
  })

  it('matches a custom scheme by scheme and host, not by opaque origin', () => {
    expect(isAppUrl('app://ringside/index.html', 'app://ringside/')).toBe(true)
    expect(isAppUrl('app://other/index.html', 'app://ringside/')).toBe(false)
    expect(isAppUrl('data:text/html,x', 'app://ringside/')).toBe(false)
  })
})
