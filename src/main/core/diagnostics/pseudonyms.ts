/**
 * Pseudonyms for what identifies people and calls in a support bundle: phone numbers, names and SIP
 * dialog identifiers (Call-ID, from/to tags, SIP URIs). Each value is replaced by a keyed hash with
 * its kind in front, `phone:3f9a1c2b4d5e`, so IT staff can still see that two lines are about the
 * same caller or the same dialog, but not who or which. The key (HMAC-SHA-256, random) lives only in
 * the `Pseudonyms` object: one per bundle, never written anywhere, so two bundles cannot be joined and
 * no one holding a bundle can test a guessed number against it.
 *
 * Two layers, like redaction:
 * - STRUCTURAL: values under identifying keys (`phoneNumber`, `from`, `fromName`, `callId`, `toTag`,
 *   `remoteUri`, a call-info `value`…) are replaced whatever they look like, and remembered;
 * - TEXTUAL: in every string, the remembered values, SIP URIs with a user part and E.164 numbers are
 *   replaced, so a raw frame, a truncated one or an error message carries no clear copy either.
 */
import { createHmac, randomBytes } from 'node:crypto'

export type PseudonymKind = 'phone' | 'name' | 'sip-call-id' | 'sip-tag' | 'sip-uri'

export interface Pseudonyms {
  /** `kind:` and 12 hex digits of the keyed hash: the same value gives the same pseudonym. */
  of(kind: PseudonymKind, value: string): string
  /** What `value` under `key` of `parent` identifies, if anything; `arrayKey` names the array it is in. */
  kindOf(key: string, value: unknown, parent: object, arrayKey?: string): PseudonymKind | undefined
  /** Remembers the identifying values inside `value` (and inside JSON text in it) for `text`. */
  learn(value: unknown): void
  /** `text` with remembered values, SIP URIs and E.164 numbers replaced by their pseudonyms. */
  text(text: string): string
}

const HASH_HEX = 12
/** Remembered values shorter than this are not replaced in free text: `101` is in too many places. */
const MIN_TEXT_VALUE = 4
const MAX_DEPTH = 32

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '')

const BY_KEY: Readonly<Record<string, PseudonymKind>> = {
  phonenumber: 'phone',
  phone: 'phone',
  from: 'phone',
  to: 'phone',
  callernumber: 'phone',
  name: 'name',
  fromname: 'name',
  toname: 'name',
  firstname: 'name',
  lastname: 'name',
  fullname: 'name',
  displayname: 'name',
  callername: 'name',
  callid: 'sip-call-id',
  fromtag: 'sip-tag',
  totag: 'sip-tag',
  remoteuri: 'sip-uri',
  localuri: 'sip-uri'
}

/** Call-info `type`s whose `value` is a number; every other one (a queue or caller name) is a name. */
const NUMBER_INFO = new Set(['PhoneNumber', 'CallerIdNumber', 'QueueExtension'])

/** Values that carry no identity and mean something as they are: `blf` marks line monitoring. */
const KEPT_TAGS = new Set(['blf'])
const hasIdentity = (s: string): boolean => /[\p{L}\p{N}]/u.test(s)

/** `"fromName":"…"` inside JSON text (a raw frame, possibly cut short): the key says the kind. */
const JSON_FIELD = new RegExp(
  `("(${Object.keys(BY_KEY).join('|')})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)"`,
  'gi'
)
const SIP_URI = /\bsips?:[^\s"'<>@,;]+@[^\s"'<>,;]+/gi
const E164 = /(?<![\w+])\+\d{7,15}(?!\d)/g

/** The form a value is hashed in, so `+1 650 555 0110` and `+16505550110` are one number. */
function canonical(kind: PseudonymKind, value: string): string {
  if (kind === 'phone') return value.replace(/\D/g, '')
  if (kind === 'name') return value.normalize('NFC').trim().replace(/\s+/g, ' ')
  return value
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function createPseudonyms(key: Buffer = randomBytes(32)): Pseudonyms {
  const learned = new Map<string, PseudonymKind>()
  let pattern: RegExp | undefined

  const of = (kind: PseudonymKind, value: string): string =>
    `${kind}:${createHmac('sha256', key)
      .update(`${kind}\u0000${canonical(kind, value)}`)
      .digest('hex')
      .slice(0, HASH_HEX)}`

  const kindOf = (
    k: string,
    value: unknown,
    parent: object,
    arrayKey?: string
  ): PseudonymKind | undefined => {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined
    const text = String(value)
    if (!hasIdentity(text)) return undefined
    const key = normaliseKey(k)
    const p = parent as Record<string, unknown>
    if (key === 'value' && 'type' in p) {
      return typeof p['type'] === 'string' && NUMBER_INFO.has(p['type']) ? 'phone' : 'name'
    }
    // A connected call's presence `id` is its SIP Call-ID (a ringing one's is the session id).
    if (key === 'id' && arrayKey === 'activeCalls' && text !== p['telephonySessionId']) {
      return 'sip-call-id'
    }
    const kind = BY_KEY[key]
    if (kind === undefined || (kind === 'name' && typeof value !== 'string')) return undefined
    if (kind === 'sip-tag' && KEPT_TAGS.has(text)) return undefined
    return kind
  }

  const remember = (kind: PseudonymKind, value: string): void => {
    if (value.length < MIN_TEXT_VALUE || learned.has(value)) return
    learned.set(value, kind)
    pattern = undefined
  }

  const learn = (value: unknown): void => {
    const walk = (v: unknown, depth: number, arrayKey?: string): void => {
      if (depth > MAX_DEPTH || typeof v !== 'object' || v === null) {
        if (typeof v === 'string' && /^\s*[[{]/.test(v)) learnJson(v, depth)
        return
      }
      if (Array.isArray(v)) {
        for (const x of v) walk(x, depth + 1, arrayKey)
        return
      }
      for (const [k, x] of Object.entries(v)) {
        const kind = kindOf(k, x, v, arrayKey)
        if (kind !== undefined) remember(kind, String(x))
        else walk(x, depth + 1, k)
      }
    }
    const learnJson = (s: string, depth: number): void => {
      try {
        walk(JSON.parse(s), depth + 1)
      } catch {
        // Not JSON (or cut short): the textual rules still apply to it.
      }
    }
    walk(value, 0)
  }

  /** One alternation of every remembered value, longest first, never inside a longer word. */
  const learnedPattern = (): RegExp | undefined => {
    if (pattern === undefined && learned.size > 0) {
      const values = [...learned.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
      pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${values.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
    }
    return pattern
  }

  const jsonField = (all: string, head: string, key: string, raw: string): string => {
    const kind = BY_KEY[normaliseKey(key)]
    let value = raw
    try {
      value = JSON.parse(`"${raw}"`) as string
    } catch {
      // A broken escape: hash the text as it stands.
    }
    if (kind === undefined || !hasIdentity(value)) return all
    if (kind === 'sip-tag' && KEPT_TAGS.has(value)) return all
    return `${head}${of(kind, value)}"`
  }

  const text = (s: string): string => {
    let out = s.replace(JSON_FIELD, jsonField)
    const known = learnedPattern()
    if (known) out = out.replace(known, (m) => of(learned.get(m)!, m))
    out = out.replace(SIP_URI, (m) => of('sip-uri', m))
    return out.replace(E164, (m) => of('phone', m))
  }

  return { of, kindOf, learn, text }
}
