import { shell } from 'electron'

// Only web links leave the app. file:, smb:, javascript: and custom handlers can run code or leak
// credentials when given to the OS (Electron security checklist item 15).
const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:'])

/**
 * Opens `url` in the user's browser if it is an http(s) URL. Returns whether it was handed to the OS.
 */
export function openExternalSafely(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) {
    return false
  }
  // Pass the re-serialised URL, not the raw string, so the OS sees exactly what we checked.
  shell.openExternal(parsed.href).catch((error: unknown) => {
    console.error('[shell] openExternal failed', error)
  })
  return true
}
