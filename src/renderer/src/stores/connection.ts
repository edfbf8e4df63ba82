import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ConnectionView, StatusView } from '../../../shared/ipc/status'
import { ringside } from '../api'
import { wallNow } from '../lib/clock'
import { secondsUntil } from '../lib/format'

type Resync = StatusView['resync']

/** The notification channel as the agent should see it: state, countdowns, what is switched off. */
export const useConnectionStore = defineStore('connection', () => {
  const connection = shallowRef<ConnectionView>({ status: 'idle' })
  const disabled = shallowRef<StatusView['disabled']>([])
  const problems = shallowRef<readonly string[]>([])
  const resync = shallowRef<Resync>({ running: false, reason: null, at: null })
  /** Main's REST rate-limit penalty (epoch ms), separate from the socket's own state. */
  const rateLimitedUntil = ref<number | null>(null)
  /** Set when the renderer itself cannot load the state from main. */
  const loadError = ref<string | null>(null)
  /** False until the first snapshot is in the stores: the app shows a wait, not a wrong screen. */
  const ready = ref(false)
  /** True while a "Retry now" is on its way to main. */
  const retrying = ref(false)
  /** Wall clock, ticking once a second only while a countdown is on screen. */
  const now = ref(wallNow())
  let ticker: ReturnType<typeof setInterval> | undefined
  let silenceCheck: ReturnType<typeof setTimeout> | undefined

  /** When the next automatic attempt happens (epoch ms), if main said. */
  const retryAt = computed((): number | null => {
    const c = connection.value
    if (c.status === 'rate-limited') return c.retryAt
    if (c.status === 'offline' || c.status === 'recovering' || c.status === 'connecting')
      return c.retryAt ?? null
    return null
  })
  /** Seconds until `retryAt`, or null when there is no countdown. */
  const retryIn = computed(() =>
    retryAt.value === null ? null : secondsUntil(retryAt.value, now.value)
  )
  const rateLimitIn = computed(() => {
    const until = rateLimitedUntil.value
    if (until === null) return null
    const s = secondsUntil(until, now.value)
    return s > 0 ? s : null
  })
  /** Past this, a live connection has been silent for longer than the core allows a live one. */
  const liveUntil = computed((): number | null => {
    const c = connection.value
    return c.status === 'live' ? c.lastHeardAt + c.silenceLimitMs : null
  })
  /**
   * "Live" as main last said it, but nothing heard for longer than the silence limit: the badge
   * says "Checking…". Derived here, from the renderer's own clock, so it holds even when main has
   * stopped sending anything (a stalled main process, a lost push), which is exactly when main
   * could not correct a "live" it sent earlier.
   */
  const checking = computed(() => liveUntil.value !== null && now.value > liveUntil.value)
  /** An attempt is scheduled that the agent may bring forward (never a rate-limit wait). */
  const canRetryNow = computed(
    () => retryAt.value !== null && connection.value.status !== 'rate-limited'
  )

  function syncTicker(): void {
    const needed = retryAt.value !== null || rateLimitedUntil.value !== null
    if (needed && ticker === undefined) {
      ticker = setInterval(() => {
        now.value = wallNow()
        // Stop once every countdown has run out; main will send the next state.
        const done =
          (retryAt.value === null || retryAt.value <= now.value) &&
          (rateLimitedUntil.value === null || rateLimitedUntil.value <= now.value)
        if (done) stopTicker()
      }, 1000)
    } else if (!needed) stopTicker()
  }

  function stopTicker(): void {
    if (ticker !== undefined) clearInterval(ticker)
    ticker = undefined
  }

  /** One timer at the moment a live connection would turn stale; every status update re-arms it. */
  function armSilenceCheck(): void {
    if (silenceCheck !== undefined) clearTimeout(silenceCheck)
    silenceCheck = undefined
    const until = liveUntil.value
    if (until === null) return
    silenceCheck = setTimeout(
      () => {
        silenceCheck = undefined
        now.value = wallNow()
      },
      Math.max(0, until - wallNow()) + 1
    )
  }

  /** Applies everything in a status update from main except `auth` (the sign-in store's). */
  function apply(status: StatusView): void {
    connection.value = status.connection
    disabled.value = status.disabled
    problems.value = status.problems
    resync.value = status.resync
    rateLimitedUntil.value = status.rateLimitedUntil
    now.value = wallNow()
    syncTicker()
    armSilenceCheck()
  }

  /** The agent's "Retry now": main starts the next attempt at once; the status reports it. */
  async function retryNow(): Promise<void> {
    if (retrying.value || !canRetryNow.value) return
    retrying.value = true
    try {
      await ringside().connection.retryNow()
    } finally {
      retrying.value = false
    }
  }

  function setLoadError(message: string | null): void {
    loadError.value = message
  }

  function setReady(): void {
    ready.value = true
    loadError.value = null
  }

  function $reset(): void {
    stopTicker()
    if (silenceCheck !== undefined) clearTimeout(silenceCheck)
    silenceCheck = undefined
    connection.value = { status: 'idle' }
    disabled.value = []
    problems.value = []
    resync.value = { running: false, reason: null, at: null }
    rateLimitedUntil.value = null
    loadError.value = null
    ready.value = false
    retrying.value = false
    now.value = wallNow()
  }

  return {
    connection,
    disabled,
    problems,
    resync,
    rateLimitedUntil,
    loadError,
    ready,
    retrying,
    now,
    retryAt,
    retryIn,
    rateLimitIn,
    checking,
    canRetryNow,
    apply,
    retryNow,
    setLoadError,
    setReady,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useConnectionStore, import.meta.hot))
