/**
 * Which state changes pop up for the agent, and what the pop-up says. Pure, so the rules are tested
 * without a desktop. Caller names come from the phone network and are hostile input: markup,
 * control, format and bidi-override characters are stripped and the text is cut short
 * (reliability-security.md §6.11), because some Linux notification servers render a subset of HTML.
 */
import type { NotificationRules } from '../../shared/ipc/settings'
import type { PopupView } from '../../shared/ipc/status'
import type { RingingItem } from '../../shared/state/view-types'

export interface PopupContext {
  readonly rules: NotificationRules
  /** The agent's own DND status, e.g. `DoNotAcceptAnyCalls`. */
  readonly ownDnd: string | null
}

const MAX = 120

// Line breaks and tabs become spaces, so "A\nB" stays two words.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g
// Controls (Cc) and format characters (Cf: bidi overrides and isolates, LRM/RLM, zero-width
// spaces, BOM), except the zero-width joiner and tag characters that emoji sequences are built of.
const INVISIBLE = /(?![\u200d\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}]/gu
// Something that reads as an HTML/XML tag or comment: `<img …>`, `</b>`, `<!-- …`.
const TAG = /<[/!?]?[a-z][^>]*(?:>|$)|<!--.*?(?:-->|$)/gis
// Halves of surrogate pairs left alone (e.g. by a sender that cut a string in the middle).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

// Enough for any real name; bounds the work on a 10 MB "name".
const MAX_INPUT = 4096

function stripMarkup(s: string): string {
  const once = s.replace(TAG, '')
  // `<<b>img …>` becomes a tag again once `<b>` is gone: then drop every angle bracket instead of
  // looping, so hostile nesting costs one more pass, not one per level.
  TAG.lastIndex = 0
  return TAG.test(once) ? once.replace(/[<>]/g, '') : once
}

/**
 * Plain, single-line text of at most `max` UTF-16 units: no markup, no invisible or direction-
 * changing characters, whitespace collapsed, cut at a grapheme boundary with an ellipsis.
 */
export function cleanText(s: string, max = MAX): string {
  const visible = s
    .slice(0, MAX_INPUT)
    .replace(LONE_SURROGATE, '')
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
  const plain = stripMarkup(visible).replace(/\s+/g, ' ').trim()
  if (plain.length <= max) return plain
  let out = ''
  for (const { segment } of segmenter.segment(plain)) {
    // Leave room for the ellipsis; never split an emoji or a letter with its accents.
    if (out.length + segment.length > max - 1) break
    out += segment
  }
  return `${out.trimEnd()}…`
}

/** The pop-up for a ringing line, or undefined when the agent's rules say to stay quiet. */
export function ringingPopup(call: RingingItem, ctx: PopupContext): PopupView | undefined {
  const { rules } = ctx
  if (!rules.enabled) return undefined
  if (rules.quietWhenDnd && ctx.ownDnd === 'DoNotAcceptAnyCalls') return undefined
  if (rules.queueCallsOnly && !call.queueCall) return undefined
  if (rules.lines === 'selected' && !rules.selectedLines.includes(call.extensionId))
    return undefined
  const name = cleanText(call.caller.name ?? '', 60)
  const number = cleanText(call.caller.number ?? '', 20)
  // A name that was nothing but markup or control characters is no name.
  const caller = name || number || 'Unknown caller'
  const withNumber = name && number ? ` (${number})` : ''
  const queue = call.queueName ? cleanText(call.queueName, 40) : ''
  return {
    title: cleanText(`${cleanText(call.lineName, 60) || 'A line'} is ringing`),
    body: cleanText(`${caller}${withNumber}${queue ? ` via ${queue}` : ''}`),
    // One pop-up per call, however many monitored lines it rings.
    tag: call.telephonySessionId ?? call.id
  }
}
