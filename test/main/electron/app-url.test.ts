import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, appOriginOf, appUrlFor, isAppUrl } from '../../../src/main/electron/app-url'

const BUILT = APP_INDEX_URL
const DEV = 'http://localhost:5173'

describe('appUrlFor', () => {
  it('prefers the dev server and otherwise serves the app scheme, never a file: URL', () => {
    expect(appUrlFor({ devServerUrl: DEV, indexHtml: '/x/index.html' })).toBe(DEV)
    expect(appUrlFor({ indexHtml: '/x/index.html' })).toBe('app://ringside/index.html')
  })

  it('names the origin media permissions are granted to', () => {
    expect(appOriginOf(BUILT)).toBe('app://ringside')
    expect(appOriginOf(DEV)).toBe(DEV)
  })
})

describe('isAppUrl', () => {
  it.each([
    [BUILT, BUILT],
    [`${BUILT}#/calls`, BUILT],
    [`${BUILT}?route=popup#/popup`, BUILT],
    ['app://ringside/', BUILT],
    [`${DEV}/`, DEV],
    [`${DEV}/?t=1#/popup`, DEV]
  ])('accepts our own page %s', (target, own) => {
    expect(isAppUrl(target, own)).toBe(true)
  })

  it.each([
    // Other files of the app and other hosts of the scheme: the path and the host count.
    ['app://ringside/other.html', BUILT],
    ['app://ringside/assets/index.js', BUILT],
    ['app://evil/index.html', BUILT],
    ['app://ringside.evil/index.html', BUILT],
    ['app://ringside@evil/index.html', BUILT],
    ['app://user:pw@ringside/index.html', BUILT],
    ['app://ringside:8080/index.html', BUILT],
    ['evil://ringside/index.html', BUILT],
    // Chromium lower-cases a standard scheme's host; Node's parser does not, so this fails closed.
    ['APP://RINGSIDE/index.html', BUILT],
    // file: in every form, including another host's and Windows UNC paths that would leak NTLM.
    ['file:///opt/Ringside/resources/app.asar/out/renderer/index.html', BUILT],
    ['file://evil.example/index.html', BUILT],
    ['file://evil.example/opt/Ringside/resources/app.asar/out/renderer/index.html', BUILT],
    ['file:////evil.example/share/index.html', BUILT],
    ['file://///evil.example/share/index.html', BUILT],
    ['\\\\evil.example\\share\\index.html', BUILT],
    ['//evil.example/share/index.html', BUILT],
    ['file:///C:/Program%20Files/Ringside/resources/app.asar/out/renderer/index.html', BUILT],
    ['file:///etc/passwd', BUILT],
    ['file:///x/index.html', 'file:///x/index.html'],
    ['https://evil.example/', BUILT],
    ['http://localhost:5173.evil.example/', DEV],
    ['http://localhost:5174/', DEV],
    ['https://localhost:5173/', DEV],
    ['http://localhost:5173/src/main.ts', DEV],
    ['http://evil.example/?u=http://localhost:5173', DEV],
    ['javascript:alert(1)', DEV],
    ['data:text/html,hi', BUILT],
    ['about:blank', BUILT],
    ['not a url', DEV]
  ])('rejects %s', (target, own) => {
    expect(isAppUrl(target, own)).toBe(false)
  })

  it('accepts nothing with another scheme, host or path (1,000 generated URLs)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        expect(isAppUrl(url, BUILT)).toBe(false)
        expect(isAppUrl(url.replace(/^https?:/, 'file:'), BUILT)).toBe(false)
      }),
      { numRuns: 1_000 }
    )
  })
})
