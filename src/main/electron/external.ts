import { shell } from 'electron'

// Only web links leave the app. file:, smb:, javascript: and custom handlers can run code or leak
// credentials when given to the OS (Electron security checklist item 15).
const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:'])

/** The re-serialised URL when `url` is a web page without credentials in it, else undefined. */
function webUrl(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (
    !EXTERNAL_PROTOCOLS.has(parsed.protocol) ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return undefined
  }
  // The re-serialised URL, not the raw string, so the OS sees exactly what we checked.
  return parsed.href
}

/**
 * Opens `url` in the user's browser if it is an http(s) URL. Returns whether it was handed to the OS.
 * For links the page tries to open itself (window.open, target=_blank), where nobody awaits.
 */
export function openExternalSafely(url: string): boolean {
  const href = webUrl(url)
  if (href === undefined) return false
  shell.openExternal(href).catch((error: unknown) => {
    // Not the URL: a sign-in URL carries the OAuth state.
    console.error(`[shell] openExternal failed (${error instanceof Error ? error.name : 'error'})`)
  })
  return true
}

/**
 * Opens a web page in the system browser and settles when the OS took it (the core's `Browser` port
 * and the `app:open-external` channel). Rejects anything that is not an http(s) URL.
 */
export async function openExternalUrl(url: string): Promise<void> {
  const href = webUrl(url)
  if (href === undefined) throw new Error('only web pages open in the browser')
  await shell.openExternal(href)
}
