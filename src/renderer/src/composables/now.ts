/**
 * One shared one-second tick for every live duration on screen. Components that show timers call
 * `useNow()`; the interval runs only while at least one of them is mounted, so an idle window does
 * no timer work at all.
 */
import { onScopeDispose, readonly, ref, type Ref } from 'vue'
import { monotonicNow } from '../lib/clock'

const now = ref(monotonicNow())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

/** The monotonic time, updated once a second while any caller is alive. */
export function useNow(): Readonly<Ref<number>> {
  users++
  now.value = monotonicNow()
  timer ??= setInterval(() => {
    now.value = monotonicNow()
  }, 1000)
  onScopeDispose(() => {
    users--
    if (users === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  })
  return readonly(now)
}
