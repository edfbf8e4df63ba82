/**
 * `ringside://` deep links (registered by the installers, packaging/electron-builder.config.ts).
 * A second launch with one (Windows and Linux pass it in the second instance's argv; macOS sends
 * `open-url`) is handed to the running app, which shows its window. Only the link's route is
 * kept; anything else in it is hostile input and is neither logged nor acted on.
 */
export const DEEP_LINK_SCHEME = 'ringside'

/** What Ringside does with a link: today every route opens the window on the board. */
export type DeepLinkRoute = 'open' | 'call'

const MAX_LINK_LENGTH = 2_048

/** The route of the first `ringside://` argument, or undefined when there is none or it is odd. */
export function deepLinkIn(argv: readonly string[]): DeepLinkRoute | undefined {
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.length > MAX_LINK_LENGTH) continue
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) continue
    let url: URL
    try {
      url = new URL(arg)
    } catch {
      return undefined
    }
    const route = url.hostname.toLowerCase()
    return route === 'call' ? 'call' : 'open'
  }
  return undefined
}
