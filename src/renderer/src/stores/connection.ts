import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ConnectionView, StatusView } from '../../../shared/ipc/status'
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
  /** Wall clock, ticking once a second only while a countdown is on screen. */
  const now = ref(wallNow())
  let ticker: ReturnType<typeof setInterval> | undefined

  /** When the next automatic attempt happens (epoch ms), if main said. */
  const retryAt = computed((): number | null => {
    const c = connection.value
    if (c.status === 'rate-limited') return c.retryAt
    if (c.status === 'offline') return c.retryAt ?? null
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

  /** Applies everything in a status update from main except `auth` (the sign-in store's). */
  function apply(status: StatusView): void {
    connection.value = status.connection
    disabled.value = status.disabled
    problems.value = status.problems
    resync.value = status.resync
    rateLimitedUntil.value = status.rateLimitedUntil
    now.value = wallNow()
    syncTicker()
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
    connection.value = { status: 'idle' }
    disabled.value = []
    problems.value = []
    resync.value = { running: false, reason: null, at: null }
    rateLimitedUntil.value = null
    loadError.value = null
    ready.value = false
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
    now,
    retryAt,
    retryIn,
    rateLimitIn,
    apply,
    setLoadError,
    setReady,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useConnectionStore, import.meta.hot))
