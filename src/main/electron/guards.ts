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
