/**
 * Which state changes pop up for the agent, and what the pop-up says. Pure, so the rules are tested
 * without a desktop. Caller names come from the phone network and are hostile input: every piece
 * goes through the shared `cleanText` (markup, control, format and bidi-override characters
 * stripped, cut short), because some Linux notification servers render a subset of HTML.
 */
import type { NotificationRules } from '../../shared/ipc/settings'
import type { PopupView } from '../../shared/ipc/status'
import type { CallItem, HeldCallItem, RingingItem } from '../../shared/state/view-types'
import { cleanText } from '../../shared/util/text'
import { heldPopupTag, ringingPopupTag } from '../../shared/ipc/open-call'

export interface PopupContext {
  readonly rules: NotificationRules
  /** The agent's own DND status, e.g. `DoNotAcceptAnyCalls`. */
  readonly ownDnd: string | null
}

/** The longest title or body a pop-up shows (the native notifier cuts to the same). */
export const POPUP_TEXT_MAX = 120

/** Whether the agent's rules (and DND) let a call on this line pop up. */
function allowed(call: CallItem, { rules, ownDnd }: PopupContext): boolean {
  if (!rules.enabled) return false
  if (rules.quietWhenDnd && ownDnd === 'DoNotAcceptAnyCalls') return false
  if (rules.queueCallsOnly && !call.queueCall) return false
  return rules.lines !== 'selected' || rules.selectedLines.includes(call.extensionId)
}

/**
 * The pop-up for a held call on a monitored line that the agent may now take over, under the
 * same rules as a ringing one.
 */
export function heldPopup(call: HeldCallItem, ctx: PopupContext): PopupView | undefined {
  const ringing = ringingPopup({ ...call, canPickUp: true }, ctx)
  if (ringing === undefined) return undefined
  return {
    title: cleanText(
      `${cleanText(call.lineName, 60) || 'A line'} has a call on hold`,
      POPUP_TEXT_MAX
    ),
    body: ringing.body,
    tag: heldPopupTag(call),
    kind: 'held'
  }
}

/** The pop-up for a ringing line, or undefined when the agent's rules say to stay quiet. */
export function ringingPopup(call: RingingItem, ctx: PopupContext): PopupView | undefined {
  if (!allowed(call, ctx)) return undefined
  const name = cleanText(call.caller.name, 60)
  const number = cleanText(call.caller.number, 20)
  // A name that was nothing but markup or control characters is no name.
  const caller = name || number || 'Unknown caller'
  const withNumber = name && number ? ` (${number})` : ''
  const queue = cleanText(call.queueName, 40)
  return {
    title: cleanText(`${cleanText(call.lineName, 60) || 'A line'} is ringing`, POPUP_TEXT_MAX),
    body: cleanText(`${caller}${withNumber}${queue ? ` via ${queue}` : ''}`, POPUP_TEXT_MAX),
    // One pop-up per call, however many monitored lines it rings.
    tag: ringingPopupTag(call)
  }
}
