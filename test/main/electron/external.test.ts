import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { resetElectronMock, shell } from '../../setup/electron-mock'
import {
  externalUrl,
  openExternalSafely,
  openExternalUrl
} from '../../../src/main/electron/external'

describe('the external-link allow-list', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it.each([
    ['https://help.ringcentral.com/a?b=c', 'https://help.ringcentral.com/a?b=c'],
    ['https://platform.ringcentral.com/restapi/oauth/authorize?x=1', undefined],
    ['HTTPS://SERVICE.RINGCENTRAL.COM/', 'https://service.ringcentral.com/'],
    ['https://ringcentral.com', 'https://ringcentral.com/'],
    [
      'http://127.0.0.1:51234/restapi/oauth/authorize',
      'http://127.0.0.1:51234/restapi/oauth/authorize'
    ],
    ['http://[::1]:4000/', 'http://[::1]:4000/']
  ])('lets %s out', (url, expected) => {
    expect(externalUrl(url)).toBe(expected ?? url)
  })

  it.each([
    'http://help.ringcentral.com/',
    'https://ringcentral.com.evil.example/',
    'https://evilringcentral.com/',
    'https://evil.example/?u=https://ringcentral.com',
    'https://user:pw@help.ringcentral.com/',
    'https://help.ringcentral.com@evil.example/',
    'http://localhost:4000/',
    'http://127.0.0.2/',
    'http://10.0.0.1/',
    'file:///etc/passwd',
    'file://evil.example/share',
    'smb://evil.example/share',
    'ms-settings:',
    'javascript:alert(1)',
    'data:text/html,x',
    'ringside://call/1',
    'app://ringside/index.html',
    'nope'
  ])('keeps %s in', async (url) => {
    expect(externalUrl(url)).toBeUndefined()
    expect(openExternalSafely(url)).toBe(false)
    await expect(openExternalUrl(url)).rejects.toThrow(/RingCentral/)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('hands the OS only https RingCentral or loopback URLs (2,000 generated strings)', () => {
    const urls = fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('file:', 'smb:', 'ms-x:'))
    fc.assert(
      fc.property(urls, (url) => {
        shell.openExternal.mockClear()
        openExternalSafely(url)
        for (const [href] of shell.openExternal.mock.calls) {
          const parsed = new URL(href)
          const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]'
          expect(
            loopback ||
              (parsed.protocol === 'https:' && /(^|\.)ringcentral\.com$/.test(parsed.hostname))
          ).toBe(true)
        }
      }),
      { numRuns: 2_000 }
    )
  })
})
