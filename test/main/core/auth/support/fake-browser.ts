import type { Browser } from '../../../../../src/main/core/ports'

/** What the fake browser does once Ringside asks it to open the authorize URL. */
export type BrowserBehaviour = 'follow' | 'ignore' | ((authorizeUrl: string) => Promise<void>)

export interface FakeBrowser extends Browser {
  readonly opened: string[]
  behaviour: BrowserBehaviour
  /** The page visits started so far; await them to be sure the browser is done. */
  readonly visits: Promise<unknown>[]
  /** Failures inside visits (including failed expectations in custom behaviours). */
  readonly errors: unknown[]
}

/**
 * Plays the system browser: follows the authorize URL to the stub's 302 and then requests the
 * loopback redirect, like a real browser would after the user signed in. `open` returns at once,
 * as `shell.openExternal` does.
 */
export function fakeBrowser(behaviour: BrowserBehaviour = 'follow'): FakeBrowser {
  const browser: FakeBrowser = {
    opened: [],
    visits: [],
    errors: [],
    behaviour,
    async open(url) {
      browser.opened.push(url)
      const b = browser.behaviour
      if (b === 'ignore') {
        return
      }
      const visit = b === 'follow' ? followRedirect(url) : b(url)
      browser.visits.push(visit.catch((error: unknown) => void browser.errors.push(error)))
    }
  }
  return browser
}

/** GET the authorize URL, then its Location (the loopback callback). Returns the callback status. */
export async function followRedirect(authorizeUrl: string): Promise<number> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' })
  const location = res.headers.get('location')
  if (res.status !== 302 || location === null) {
    throw new Error(`authorize answered ${res.status}`)
  }
  return (await fetch(location)).status
}

/** The Location the stub's authorize endpoint redirects to, without visiting it. */
export async function authorizeRedirect(authorizeUrl: string): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' })
  return new URL(res.headers.get('location') ?? '')
}
