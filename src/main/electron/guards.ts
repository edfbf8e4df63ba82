import { app } from 'electron'
import type { Session, WebContents } from 'electron'
import { isAppUrl } from './app-url'
import { openExternalSafely } from './external'

/**
 * Locks down every WebContents the app ever creates, including ones we did not create on purpose
 * (popups, webviews). Registered on `web-contents-created` so nothing slips past a window factory.
 */
export function installWebContentsGuards(appUrl: string): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, appUrl)
  })
}

export function guardWebContents(contents: WebContents, appUrl: string): void {
  // The renderer only ever shows our own page; any other navigation is a bug or an attack.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) {
      event.preventDefault()
    }
  })

  // No second windows. Web links a user clicks go to the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })

  // We never use <webview>; refusing to attach one closes the door on a compromised renderer.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}

/**
 * Deny-by-default for permission prompts (camera, notifications, geolocation, ...). Features that
 * need one (notifications, audio for the web phone) will add an explicit allow-list here.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
}

/**
 * Deny-by-default, except the microphone for Ringside's own page: the web phone lives in the main
 * window's renderer (docs/phone.md#media) and needs `getUserMedia({audio})`. A request is granted
 * only when it comes from the app's own URL (isAppUrl, not a prefix match) and asks for audio
 * alone; video, screen capture and every other permission stay denied.
 */
export function lockPermissions(session: Session, appUrl: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'media' && isOwnAudioRequest(details, appUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, origin, details) => {
    if (permission !== 'media') return false
    const url = (details as { requestingUrl?: unknown } | undefined)?.requestingUrl
    const from = typeof url === 'string' ? url : origin
    const type = (details as { mediaType?: unknown } | undefined)?.mediaType
    return isAppUrl(from, appUrl) && (type === undefined || type === 'audio')
  })
}

function isOwnAudioRequest(details: unknown, appUrl: string): boolean {
  const d = details as { requestingUrl?: unknown; mediaTypes?: unknown } | undefined
  if (typeof d?.requestingUrl !== 'string' || !isAppUrl(d.requestingUrl, appUrl)) return false
  const types = d.mediaTypes
  return Array.isArray(types) && types.length > 0 && types.every((t) => t === 'audio')
}
