import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { resetElectronMock, session } from '../../setup/electron-mock'
import { installPermissionHandlers } from '../../../src/main/electron/permissions'

const APP_ORIGIN = 'app://ringside'
const PAGE = 'app://ringside/index.html#/board'

/** Every permission string Electron 45 passes to the handlers (session.md). */
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'deprecated-sync-clipboard-read'
]

function install(): typeof session.defaultSession {
  const ses = session.defaultSession
  installPermissionHandlers(ses as unknown as Session, APP_ORIGIN)
  return ses
}

function request(permission: string, details: Record<string, unknown>): boolean {
  const callback = vi.fn()
  session.defaultSession.permissionRequestHandler?.({}, permission, callback, details)
  expect(callback).toHaveBeenCalledTimes(1)
  return callback.mock.calls[0]?.[0] as boolean
}

describe('permission handlers', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it.each(PERMISSIONS.filter((p) => p !== 'media' && p !== 'speaker-selection'))(
    'denies %s to everyone, the app included',
    (permission) => {
      const ses = install()
      expect(request(permission, { requestingUrl: PAGE, isMainFrame: true })).toBe(false)
      expect(
        ses.permissionCheckHandler?.({}, permission, APP_ORIGIN, {
          requestingUrl: PAGE,
          isMainFrame: true
        })
      ).toBe(false)
    }
  )

  it("grants the microphone and the speaker to the app's own main frame only", () => {
    const ses = install()
    const own = { requestingUrl: PAGE, isMainFrame: true }

    expect(request('media', { ...own, mediaTypes: ['audio'] })).toBe(true)
    expect(request('speaker-selection', own)).toBe(true)
    expect(
      ses.permissionCheckHandler?.({}, 'media', APP_ORIGIN, { ...own, mediaType: 'audio' })
    ).toBe(true)
  })

  it.each([
    ['the camera', { requestingUrl: PAGE, isMainFrame: true, mediaTypes: ['video'] }],
    [
      'camera and microphone',
      { requestingUrl: PAGE, isMainFrame: true, mediaTypes: ['audio', 'video'] }
    ],
    ['a sub-frame', { requestingUrl: PAGE, isMainFrame: false, mediaTypes: ['audio'] }],
    [
      'another host of the scheme',
      { requestingUrl: 'app://evil/index.html', isMainFrame: true, mediaTypes: ['audio'] }
    ],
    [
      'a file: page',
      { requestingUrl: 'file:///app/index.html', isMainFrame: true, mediaTypes: ['audio'] }
    ],
    [
      'a web page',
      { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['audio'] }
    ],
    ['no URL', { isMainFrame: true, mediaTypes: ['audio'] }]
  ])('denies media for %s', (_name, details) => {
    install()
    expect(request('media', details)).toBe(false)
  })

  it('denies the media check to other origins and to video', () => {
    const ses = install()
    const check = (origin: string, details: Record<string, unknown>): boolean | undefined =>
      ses.permissionCheckHandler?.({}, 'media', origin, details)

    expect(check('https://evil.example', { isMainFrame: true, mediaType: 'audio' })).toBe(false)
    expect(check(APP_ORIGIN, { requestingUrl: PAGE, isMainFrame: true, mediaType: 'video' })).toBe(
      false
    )
    expect(check(APP_ORIGIN, { requestingUrl: PAGE, isMainFrame: false, mediaType: 'audio' })).toBe(
      false
    )
  })
})
