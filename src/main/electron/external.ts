import { shell } from 'electron'

/**
 * What may leave the app for the system browser (Electron security checklist item 15): `https:`
 * to RingCentral's own hosts (sign-in, service and help pages), and the loopback emulator, which
 * never leaves the machine (the demo and development sign-in pages are `http://127.0.0.1:<port>`).
 * Nothing else: no plain http on the network, no `file:`, `smb:`, `javascript:`, `ms-*:` or other
 * custom handlers that can run code or leak credentials when handed to the OS, no credentials in
 * the URL. Element keeps a similar scheme list (PERMITTED_URL_SCHEMES) and re-formats the URL.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['ringcentral.com']

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]'])

function allowedHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return EXTERNAL_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}

/** The re-serialised URL when the allow-list lets `url` out, else undefined. */
export function externalUrl(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.username !== '' || parsed.password !== '') return undefined
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname)
  const allowed =
    (parsed.protocol === 'https:' && (allowedHost(parsed.hostname) || loopback)) ||
    (parsed.protocol === 'http:' && loopback)
  // The re-serialised URL, not the raw string, so the OS sees exactly what was checked.
  return allowed ? parsed.href : undefined
}

/**
 * Opens `url` in the user's browser if the allow-list lets it out. Returns whether it was handed
 * to the OS. For links the page tries to open itself (window.open, target=_blank), where nobody
 * awaits.
 */
export function openExternalSafely(url: string): boolean {
  const href = externalUrl(url)
  if (href === undefined) return false
  shell.openExternal(href).catch((error: unknown) => {
    // Not the URL: a sign-in URL carries the OAuth state.
    console.error(`[shell] openExternal failed (${error instanceof Error ? error.name : 'error'})`)
  })
  return true
}

/**
 * Opens a page in the system browser and settles when the OS took it (the core's `Browser` port
 * and the `app:open-external` channel). Rejects anything the allow-list does not let out.
 */
export async function openExternalUrl(url: string): Promise<void> {
  const href = externalUrl(url)
  if (href === undefined) {
    throw new Error('only https pages of RingCentral (or the local emulator) open in the browser')
  }
  await shell.openExternal(href)
}
