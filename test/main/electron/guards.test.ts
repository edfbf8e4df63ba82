import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HandlerDetails } from 'electron'
import { WebContentsMock, app, resetElectronMock, shell } from '../../setup/electron-mock'
import { installWebContentsGuards } from '../../../src/main/electron/guards'

const APP_URL = 'app://ringside/index.html'

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
    expect(navigate(contents, 'file://evil.example/app/out/renderer/index.html')).toBe(false)
    expect(navigate(contents, 'app://evil/index.html')).toBe(false)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('denies every new window', () => {
    const contents = createGuardedContents()

    for (const url of ['https://help.ringcentral.com/', APP_URL, 'about:blank', 'file:///x']) {
      expect(openWindow(contents, url)).toEqual({ action: 'deny' })
    }
  })

  it("sends RingCentral's https links to the system browser, and nothing else", () => {
    const contents = createGuardedContents()

    openWindow(contents, 'https://help.ringcentral.com/a?b=c')
    openWindow(contents, 'http://help.ringcentral.com/plain')
    openWindow(contents, 'https://example.com/')

    expect(shell.openExternal.mock.calls).toEqual([['https://help.ringcentral.com/a?b=c']])
  })

  it('prevents redirects and frame navigations away from the app', () => {
    const contents = createGuardedContents()
    const redirect = { url: 'https://evil.example/', preventDefault: vi.fn() }
    const frame = { url: 'https://evil.example/', isMainFrame: false, preventDefault: vi.fn() }
    const ownFrame = { url: APP_URL, isMainFrame: false, preventDefault: vi.fn() }
    const main = { url: `${APP_URL}#/popup`, isMainFrame: true, preventDefault: vi.fn() }

    contents.emit('will-redirect', redirect)
    contents.emit('will-frame-navigate', frame)
    contents.emit('will-frame-navigate', ownFrame)
    contents.emit('will-frame-navigate', main)

    expect(redirect.preventDefault).toHaveBeenCalledTimes(1)
    expect(frame.preventDefault).toHaveBeenCalledTimes(1)
    // The page has no frames, so even one showing the app's own page is refused.
    expect(ownFrame.preventDefault).toHaveBeenCalledTimes(1)
    expect(main.preventDefault).not.toHaveBeenCalled()
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
