/**
 * Which call a click on a native notification opens (`notify:open-call`). Main reads it from the
 * notification's tag, a string it made itself but which came back through the OS, so it is decoded
 * like any other input: a ringing call's tag is its telephony session id (or its view item's id),
 * a held call's is `held:` and the same (src/main/host/popups.ts). Anything else (Ringside's own
 * alerts, a tag without a call) opens the window and no call.
 */
import * as t from 'io-ts'
import { BoundedRcId } from './bounded'

export const OpenCall = t.exact(
  t.type({
    /** Ringing calls are cards in the incoming-call pane; held ones are rows in the Calls view. */
    kind: t.keyof({ ringing: null, held: null }),
    /** The pane's card key or the Calls view's row suffix: the session id, else the item's id. */
    key: BoundedRcId
  })
)
export type OpenCall = t.TypeOf<typeof OpenCall>

/** The tag of Ringside's own notifications (a stored sign-in lost, …): they name no call. */
export const ALERT_TAG = 'ringside-alert'

/** What a held call's pop-up tag starts with. */
export const HELD_TAG_PREFIX = 'held:'

/** Anything that names a call: a view item (ringing, held, …). */
interface TaggedCall {
  readonly id: string
  readonly telephonySessionId: string | null
}

/**
 * The tag of a ringing call's pop-up: its session, so a queue call ringing three lines is one
 * pop-up. Main tags pop-ups with it; the pages close the pop-ups whose tag no call has any more.
 */
export const ringingPopupTag = (call: TaggedCall): string => call.telephonySessionId ?? call.id

/** The tag of a held call's pop-up: never the same as a ringing one's for the same session. */
export const heldPopupTag = (call: TaggedCall): string =>
  `${HELD_TAG_PREFIX}${ringingPopupTag(call)}`

/** The call a notification's tag names, or undefined when it names none (or is not well formed). */
export function openCallFromTag(tag: unknown): OpenCall | undefined {
  if (typeof tag !== 'string' || tag === ALERT_TAG) return undefined
  const held = tag.startsWith(HELD_TAG_PREFIX)
  const decoded = OpenCall.decode({
    kind: held ? 'held' : 'ringing',
    key: held ? tag.slice(HELD_TAG_PREFIX.length) : tag
  })
  return decoded._tag === 'Right' ? decoded.right : undefined
}
