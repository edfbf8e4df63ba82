/**
 * The call a click on a native notification asked to open (`notify:open-call`), until the view
 * that shows it has scrolled to it and focused it: the incoming-call pane for a ringing call, the
 * Calls view for a held one. A call that ended before the click leaves a short notice instead.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { OpenCall } from '../../../shared/ipc/open-call'

/** What the agent reads when the notification's call is gone. */
export const CALL_ENDED = 'That call has ended.'
/** The notice goes by itself: it is about a click, not about the state of anything. */
const NOTICE_MS = 15_000

export interface OpenCallTarget extends OpenCall {
  /** A second click on the same call opens it again, even while the first is still pending. */
  readonly seq: number
}

export const useOpenCallStore = defineStore('open-call', () => {
  const target = ref<OpenCallTarget | null>(null)
  const notice = ref<string | null>(null)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  function dismissNotice(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    notice.value = null
  }

  /**
   * Main's request, decoded again: the page trusts main, but an event that does not fit is
   * dropped here rather than searched for in every list.
   */
  function open(request: unknown): void {
    const decoded = OpenCall.decode(request)
    if (decoded._tag === 'Left') return
    dismissNotice()
    target.value = { ...decoded.right, seq: ++seq }
  }

  /** The view found the call and focused it. */
  function opened(): void {
    target.value = null
  }

  /** The call is no longer anywhere the agent could take it. */
  function ended(): void {
    target.value = null
    dismissNotice()
    notice.value = CALL_ENDED
    timer = setTimeout(dismissNotice, NOTICE_MS)
  }

  function $reset(): void {
    dismissNotice()
    target.value = null
    seq = 0
  }

  return { target, notice, open, opened, ended, dismissNotice, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useOpenCallStore, import.meta.hot))
