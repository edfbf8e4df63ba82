/**
 * Browser mode has no desktop shell, so "open in the system browser" (OAuth sign-in, RFC 8252: an
 * external user agent, never an embedded one; or a help link) either prints the address for the
 * agent to open, or hands it to `xdg-open` when the operator asked for that. Only http(s) URLs are
 * ever passed on (docs/security.md#open-external), re-serialised from the parser so no control
 * characters reach the log or the command line.
 */
import { spawn } from 'node:child_process'

export type OpenWith = 'print' | 'xdg-open'

export function createUrlOpener(
  how: OpenWith,
  log: (line: string) => void
): (url: string) => Promise<void> {
  return async (url) => {
    let href: string
    try {
      const parsed = new URL(url)
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme')
      href = parsed.href
    } catch {
      throw new Error('Only web addresses can be opened.')
    }
    if (how === 'print') {
      log(`[web] open this address in your browser: ${href}`)
      return
    }
    await new Promise<void>((resolveOpen, reject) => {
      // No shell: the URL is one argv entry, never parsed by sh.
      const child = spawn('xdg-open', [href], { stdio: 'ignore', detached: true })
      child.once('error', reject)
      child.once('spawn', () => {
        child.unref()
        resolveOpen()
      })
    })
  }
}
