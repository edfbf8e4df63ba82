import { app } from 'electron'
import type { WebContents } from 'electron'
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
  // The renderer only ever shows our own page; any other navigation is a bug or an attack. A
  // redirect is a navigation too.
  const stayHome = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  // The page has no frames (CSP frame-src 'none'); a frame navigating anywhere is refused too.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppUrl(event.url, appUrl)) event.preventDefault()
  })

  // No second windows. Links a user clicks go to the system browser, through the allow-list.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })

  // We never use <webview>; refusing to attach one closes the door on a compromised renderer.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}
