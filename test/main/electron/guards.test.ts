import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HandlerDetails, Session } from 'electron'
import { WebContentsMock, app, resetElectronMock, session, shell } from '../../setup/electron-mock'
import {
  denyAllPermissions,
  installWebContentsGuards,
  lockPermissions
} from '../../../src/main/electron/guards'

const APP_URL = 'file:///app/out/renderer/index.html'

/** A new WebContents announced through `web-contents-created`, as Electron does for every one. */
function createGuardedContents(): WebContentsMock {
  installWebContentsGuards(APP_URL)
  const contents = new WebContentsMock()
  app.emit('web-contents-created', {}, contents)
  return contents
}

function navigate(contents: WebContentsMock, url: string): boolean {
  const event = { url, preventDefault: vi.fn() }
  contents.emit('will-navigate', event)
  return event.preventDefault.mock.calls.length === 0
}

function openWindow(contents: WebContentsMock, url: string): unknown {
  const handler = contents.windowOpenHandler
  if (handler === null) throw new Error('no window open handler was installed')
  return handler({ url } as HandlerDetails)
}

describe('web contents guards', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('allows navigation within the app and prevents it anywhere else', () => {
    const contents = createGuardedContents()

    expect(navigate(contents, `${APP_URL}#/settings`)).toBe(true)
    expect(navigate(contents, 'https://evil.example/')).toBe(false)
    expect(navigate(contents, 'file:///etc/passwd')).toBe(false)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('denies every new window', () => {
    const contents = createGuardedContents()

    for (const url of ['https://help.ringcentral.com/', APP_URL, 'about:blank', 'file:///x']) {
      expect(openWindow(contents, url)).toEqual({ action: 'deny' })
    }
  })

  it('sends http(s) links to the system browser', () => {
    const contents = createGuardedContents()

    openWindow(contents, 'https://help.ringcentral.com/a?b=c')
    openWindow(contents, 'http://example.com')

    expect(shell.openExternal.mock.calls).toEqual([
      ['https://help.ringcentral.com/a?b=c'],
      ['http://example.com/']
    ])
  })

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-settings:',
    'nope'
  ])('never hands %s to the OS', (url) => {
    const contents = createGuardedContents()
    openWindow(contents, url)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('refuses to attach a <webview>', () => {
    const contents = createGuardedContents()
    const event = { preventDefault: vi.fn() }

    contents.emit('will-attach-webview', event, {}, {})

    expect(event.preventDefault).toHaveBeenCalledTimes(1)
  })
})

describe('denyAllPermissions', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it.each(['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read'])(
    'denies the %s request and check',
    (permission) => {
      const ses = session.defaultSession
      denyAllPermissions(ses as unknown as Session)
      const callback = vi.fn()

      ses.permissionRequestHandler?.({}, permission, callback, {})

      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(ses.permissionCheckHandler?.({}, permission, 'file://', {})).toBe(false)
    }
  )
})

describe("lockPermissions: the microphone for the app's own page, nothing else", () => {
  const APP = 'file:///opt/ringside/resources/app/out/renderer/index.html'
  beforeEach(() => {
    resetElectronMock()
  })
  const request = (permission: string, details: object): boolean => {
    const ses = session.defaultSession
    lockPermissions(ses as unknown as Session, APP)
    const callback = vi.fn()
    ses.permissionRequestHandler?.({}, permission, callback, details)
    expect(callback).toHaveBeenCalledTimes(1)
    return callback.mock.calls[0]?.[0] as boolean
  }

  it("grants audio to the app's own page", () => {
    expect(request('media', { requestingUrl: APP, mediaTypes: ['audio'] })).toBe(true)
  })
  it.each([
    ['video', { requestingUrl: APP, mediaTypes: ['video'] }],
    ['audio and video', { requestingUrl: APP, mediaTypes: ['audio', 'video'] }],
    ['no media type', { requestingUrl: APP, mediaTypes: [] }],
    ['another file', { requestingUrl: 'file:///etc/passwd', mediaTypes: ['audio'] }],
    ['a web page', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }],
    ['no URL', { mediaTypes: ['audio'] }]
  ])('denies %s', (_name, details) => {
    expect(request('media', details)).toBe(false)
  })
  it.each(['notifications', 'geolocation', 'openExternal', 'clipboard-read'])(
    "still denies %s to the app's own page",
    (permission) => {
      expect(request(permission, { requestingUrl: APP })).toBe(false)
    }
  )
  it('checks the same way', () => {
    const ses = session.defaultSession
    lockPermissions(ses as unknown as Session, APP)
    expect(
      ses.permissionCheckHandler?.({}, 'media', 'file://', {
        requestingUrl: APP,
        mediaType: 'audio'
      })
    ).toBe(true)
    expect(
      ses.permissionCheckHandler?.({}, 'media', 'file://', {
        requestingUrl: APP,
        mediaType: 'video'
      })
    ).toBe(false)
    expect(
      ses.permissionCheckHandler?.({}, 'media', 'https://evil.example', {
        requestingUrl: 'https://evil.example/'
      })
    ).toBe(false)
    expect(
      ses.permissionCheckHandler?.({}, 'notifications', 'file://', { requestingUrl: APP })
    ).toBe(false)
  })
})
