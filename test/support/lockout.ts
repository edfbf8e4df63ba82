/**
 * The lockout attack on browser mode's bridge: a local process that fakes the page's Origin and
 * Host, holds sockets open without ever sending the secret, and reopens each one the moment it is
 * closed or refused. Loopback only, and bounded: at most `sockets` at once, at most `maxOpens`
 * in all, and it stops when told.
 */
import WebSocket from 'ws'

export interface Attack {
  /** Sockets opened so far (each reopen counts). */
  opens(): number
  /** How many of its sockets the server closed after the upgrade (evicted or timed out). */
  closedAfterOpen(): number
  /** Stops reopening, terminates every socket and resolves once all are gone. */
  stop(): Promise<void>
}

export interface AttackOptions {
  readonly sockets?: number
  readonly maxOpens?: number
}

export function lockoutAttack(port: number, options: AttackOptions = {}): Attack {
  const sockets = options.sockets ?? 64
  const maxOpens = options.maxOpens ?? 50_000
  const origin = `http://127.0.0.1:${port}`
  const live = new Set<WebSocket>()
  let opens = 0
  let closedAfterOpen = 0
  let stopped = false
  let allGone: (() => void) | undefined

  const open = (): void => {
    if (stopped || opens >= maxOpens) return
    opens++
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { origin })
    let opened = false
    live.add(ws)
    ws.on('open', () => (opened = true))
    // A refused upgrade (403) is an error and then a close; either way, knock again.
    ws.on('error', () => undefined)
    ws.on('close', () => {
      live.delete(ws)
      if (opened) closedAfterOpen++
      if (stopped) {
        if (live.size === 0) allGone?.()
        return
      }
      // Next turn, not this one: the reopen must not starve the event loop it shares with the test.
      setImmediate(open)
    })
  }
  for (let i = 0; i < sockets; i++) open()

  return {
    opens: () => opens,
    closedAfterOpen: () => closedAfterOpen,
    stop() {
      stopped = true
      if (live.size === 0) return Promise.resolve()
      const gone = new Promise<void>((resolve) => (allGone = resolve))
      for (const ws of live) ws.terminate()
      return gone
    }
  }
}
