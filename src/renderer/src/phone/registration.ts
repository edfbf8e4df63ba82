/**
 * Keeps Ringside's web phone registered. The library registers once and re-registers on its own
 * timer, but it never reconnects: after network loss, an OS resume or a socket the proxy closed it
 * stays silent (docs/phone.md#what-the-app-owns). So this loop owns the socket's life: one attempt
 * at a time, each with a deadline (the library's REGISTER never rejects when the socket dies), a
 * visible "retrying in N s" between attempts, and full-jitter backoff from the shared helper.
 */
import type WebPhone from 'ringcentral-web-phone'
import type { WebPhoneOptions } from 'ringcentral-web-phone/types'
import { backoffDelay } from '../../../shared/util/backoff'
import { createListenerSet } from '../../../shared/util/listeners'

export type Registration =
  | { readonly status: 'stopped' }
  | { readonly status: 'registering'; readonly attempt: number }
  | { readonly status: 'registered'; readonly since: number }
  | {
      readonly status: 'failed'
      readonly reason: string
      /** When the next attempt starts (epoch ms); null when none is planned. */
      readonly retryAt: number | null
    }

export interface RegistrarDeps {
  readonly create: (options: WebPhoneOptions) => WebPhone
  readonly now: () => number
  readonly random: () => number
  /** Each attempt's deadline; default 10 s (the library gives REGISTER 5 s, then closes). */
  readonly attemptMs?: number
}

export interface Registrar {
  start(options: WebPhoneOptions): void
  /** Registers again now (network back, OS resume), whatever the state. */
  restart(reason: string): void
  stop(): void
  readonly phone: WebPhone | undefined
  readonly state: Registration
  /** The new phone after each successful registration, and the state on every change. */
  onPhone(listener: (phone: WebPhone) => void): () => void
  onState(listener: (state: Registration) => void): () => void
  /** The socket closed or failed while registered (calls on it are lost). */
  onLost(listener: (reason: string) => void): () => void
}

export const BACKOFF = { baseMs: 1_000, capMs: 30_000, floorMs: 500 }

/** The socket the library opened (`DefaultSipClient.wsc`), when there is one. */
function socketOf(phone: WebPhone): WebSocket | undefined {
  const wsc = (phone.sipClient as { wsc?: unknown }).wsc
  return typeof WebSocket !== 'undefined' && wsc instanceof WebSocket ? wsc : undefined
}

/** Drops a phone without waiting: its un-REGISTER may never be answered on a dead socket. */
function discard(phone: WebPhone): void {
  phone.removeAllListeners()
  void phone.dispose().catch(() => undefined)
  socketOf(phone)?.close()
}

export function createRegistrar(deps: RegistrarDeps): Registrar {
  let options: WebPhoneOptions | undefined
  let phone: WebPhone | undefined
  let state: Registration = { status: 'stopped' }
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let generation = 0
  const phoneListeners = createListenerSet<[WebPhone]>()
  const stateListeners = createListenerSet<[Registration]>()
  const lostListeners = createListenerSet<[string]>()

  const set = (next: Registration): void => {
    state = next
    stateListeners.emit(next)
  }
  const clear = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  function retryLater(reason: string): void {
    clear()
    const delay = backoffDelay(attempt, deps.random, BACKOFF)
    attempt += 1
    set({ status: 'failed', reason, retryAt: deps.now() + delay })
    timer = setTimeout(() => void register(), delay)
  }

  function watchSocket(p: WebPhone, mine: number): void {
    const ws = socketOf(p)
    const gone = (): void => {
      if (mine !== generation || phone !== p) return
      phone = undefined
      discard(p)
      lostListeners.emit('The connection to the phone server closed.')
      retryLater('The connection to the phone server closed.')
    }
    ws?.addEventListener('close', gone, { once: true })
    ws?.addEventListener('error', gone, { once: true })
  }

  async function register(): Promise<void> {
    if (options === undefined) return
    clear()
    const mine = ++generation
    if (phone !== undefined) discard(phone)
    phone = undefined
    set({ status: 'registering', attempt })
    const next = deps.create(options)
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('The phone server did not answer in time.')),
        deps.attemptMs ?? 10_000
      )
    })
    try {
      await Promise.race([next.start(), deadline])
      if (mine !== generation) return discard(next)
      clear()
      attempt = 0
      phone = next
      watchSocket(next, mine)
      set({ status: 'registered', since: deps.now() })
      phoneListeners.emit(next)
    } catch (e) {
      discard(next)
      if (mine !== generation) return
      retryLater(describe(e))
    }
  }

  return {
    start(next) {
      options = next
      attempt = 0
      void register()
    },
    restart() {
      if (options === undefined) return
      attempt = 0
      void register()
    },
    stop() {
      generation++
      clear()
      options = undefined
      if (phone !== undefined) discard(phone)
      phone = undefined
      set({ status: 'stopped' })
    },
    get phone() {
      return phone
    },
    get state() {
      return state
    },
    onPhone: (l) => phoneListeners.add(l),
    onState: (l) => stateListeners.add(l),
    onLost: (l) => lostListeners.add(l)
  }
}

/** The agent-readable reason of a failed attempt; the library's own texts name the SIP answer. */
function describe(e: unknown): string {
  if (e instanceof Error && /^Registration failed: (.+)$/.test(e.message)) {
    const answer = e.message.replace(/^Registration failed: SIP\/2\.0 /, '')
    if (/^603/.test(answer)) return 'RingCentral refused: too many phones are registered for you.'
    if (/^40[13]/.test(answer)) return "RingCentral refused the phone's SIP credentials."
    return `RingCentral refused the registration (${answer.slice(0, 60)}).`
  }
  if (e instanceof Error && e.message.startsWith('The phone server')) return e.message
  // A WebSocket `error` event (rejected by the library's connect): no detail is given by design.
  return 'Ringside could not reach the phone server.'
}
