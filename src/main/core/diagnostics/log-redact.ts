/**
 * The one redaction every log line goes through before it reaches a file or the console, in both
 * shells: secrets as the support bundle removes them (redact.ts: tokens, Bearer and Basic
 * credentials, SIP Digest lines, passwords, JWTs, and the exact secrets the app holds), then caller
 * numbers masked to their last two digits (`+1 650 555 0142` becomes `+* *** *** **42`), so a log
 * still shows that two lines are about different numbers without holding anyone's number.
 *
 * Phone numbers are recognised in the forms the platform and the UI write them: E.164 (`+16505550142`,
 * also inside `sip:` and `tel:` URIs), North American formatting (`(650) 555-0142`, `650-555-0142`),
 * and any digit run under a number-holding JSON key (`"phoneNumber":"6505550142"`). Bare digit runs
 * elsewhere are left alone: extension and account ids are bare digits, and a log without them
 * would be useless to IT.
 */
import { redactText } from './redact'

const PHONE_PATTERNS: readonly RegExp[] = [
  // E.164 with optional separators: +1 650 555 0142, +44 (20) 7946-0958, sip:+16505550142@…
  /(?<![\w+])\+\d[\d\s().-]{5,20}\d(?!\d)/g,
  // (650) 555-0142 and 650-555-0142 / 650.555.0142
  /(?<!\d)\(\d{3}\)\s?\d{3}[-.\s]\d{4}(?!\d)/g,
  /(?<![\d-])\d{3}[-.]\d{3}[-.]\d{4}(?![\d-])/g,
  // "phoneNumber":"6505550142", "from":"+1…" and friends in JSON text.
  /(?<="(?:phoneNumber|phone|callerNumber|callerId|fromNumber|toNumber|number)"\s*:\s*")[^"]*\d[^"]*(?=")/gi
]

/** Every digit but the last two becomes `*`; separators stay, so the shape remains readable. */
export function maskDigits(text: string): string {
  const total = text.replace(/\D/g, '').length
  let seen = 0
  return text.replace(/\d/g, (digit) => {
    seen += 1
    return seen > total - 2 ? digit : '*'
  })
}

/** Masks caller numbers in free text (see above). */
export function maskPhoneNumbers(text: string): string {
  let out = text
  for (const pattern of PHONE_PATTERNS) out = out.replace(pattern, (match) => maskDigits(match))
  return out
}

/**
 * A log line safe to write: secrets removed, caller numbers masked. `secrets` are the values the
 * app holds right now (its tokens, the SIP password), removed verbatim wherever they appear.
 */
export function redactLogLine(line: string, secrets: readonly string[] = []): string {
  return maskPhoneNumbers(redactText(line, { secrets }))
}
