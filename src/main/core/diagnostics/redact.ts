/**
 * Redaction of secrets from anything that leaves the machine (support bundles). Two layers, because
 * either alone misses cases:
 *
 * - STRUCTURAL: objects are walked and values under secret-looking keys are replaced whatever they
 *   look like (`access_token`, `refreshToken`, `Authorization`, `password`, `authorizationId`, …);
 * - TEXTUAL: every string (and every key) is scanned, so a token inside a WebSocket URL, a header
 *   line, a form body, a raw frame or an error message is caught where no key names it.
 *
 * The app can also pass the secrets it currently holds (`secrets`): they are removed verbatim,
 * whatever their surroundings. Status codes (`status.code: "Answered"`) are kept: a `code` is only
 * treated as secret when it does not look like a plain enum word, because OAuth codes never do.
 */

import type { Pseudonyms } from './pseudonyms'

export const REDACTED = '[REDACTED]'

export interface RedactOptions {
  /** Exact secret values to remove wherever they appear (current tokens, SIP password). */
  readonly secrets?: readonly string[]
  /**
   * When given, phone numbers, names and SIP identifiers are replaced by their pseudonyms too
   * (pseudonyms.ts). Secrets are removed first, so a token is never hashed, only dropped.
   */
  readonly pseudonyms?: Pseudonyms
}

const MAX_DEPTH = 32
/** A status code or similar enum word: what a `code` key holds when it is not an OAuth code. */
const ENUM_WORD = /^[A-Z][A-Za-z]{0,31}$/

/** Normalised key names (lowercase, no separators) that always hold secrets. */
const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'authorizationid',
  'cookie',
  'setcookie',
  'codeverifier',
  'assertion',
  'jwt',
  'apikey',
  'privatekey',
  'pwd',
  'passwd',
  'credentials',
  'digest'
])
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'passwd', 'verifier']

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Whether the value under `key` is a secret. `code` is judged by its value (see above). */
export function isSecretKey(key: string, value?: unknown): boolean {
  const k = normaliseKey(key)
  if (k === 'code') return typeof value === 'string' && !ENUM_WORD.test(value)
  return SECRET_KEYS.has(k) || SECRET_SUFFIXES.some((s) => k.endsWith(s))
}

const KEY_NAMES =
  '[A-Za-z_-]*(?:token|secret|password|passwd|verifier)|authorization|authorizationId|' +
  'proxy-authorization|code|code_verifier|cookie|set-cookie|jwt|assertion|api_?key|pwd'

const TEXT_RULES: ReadonlyArray<readonly [RegExp, (...m: string[]) => string]> = [
  // "access_token":"…" inside JSON text (raw frames, logged bodies).
  [
    new RegExp(`("(?:${KEY_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)"`, 'gi'),
    (all, head, value) =>
      /^"code"/i.test(head!) && ENUM_WORD.test(value!) ? all! : `${head}${REDACTED}"`
  ],
  // The whole SIP/HTTP `Digest …` credential line (username, nonce, response hash).
  [/\bDigest\s+[^\r\n]*/gi, () => `Digest ${REDACTED}`],
  // Header lines and `key: value` / `key=value` text: `Authorization: Bearer …`, `password=…`.
  [
    /\b((?:proxy-)?authorization|cookie|set-cookie)(\s*[:=]\s*)[^\r\n]*/gi,
    (_, key, sep) => `${key}${sep}${REDACTED}`
  ],
  // URL query and form parameters: `?access_token=…`, `&code=…`, `code_verifier=…`.
  [
    /([?&#;\s]|^)(access_token|refresh_token|id_token|ws_token|token|code|code_verifier|client_secret|password|assertion|authorizationId|jwt)=([^&#\s"'<>]*)/gi,
    (_, lead, key) => `${lead}${key}=${REDACTED}`
  ],
  [
    /\b(password|passwd|pwd|client_secret|authorizationId|access_token|refresh_token|ws_access_token)\b(["']?\s*[:=]\s*["']?)([^\s,;&"'}]+)/gi,
    (_, key, sep) => `${key}${sep}${REDACTED}`
  ],
  // Auth schemes anywhere: `Bearer …`, `Basic …`.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, (_, scheme) => `${scheme} ${REDACTED}`],
  // Prose: `token U0pD…`, `secret: …`, as error messages put it.
  [
    /\b(token|secret|password|passwd)(\s+|\s*[:=]\s*)([A-Za-z0-9\-._~+/]{12,}=*)/gi,
    (_, word, sep) => `${word}${sep}${REDACTED}`
  ],
  // JWTs (three base64url segments), with or without the usual `eyJ` header.
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, () => REDACTED],
  [/\b[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g, () => REDACTED],
  // Any long opaque run mixing upper case, lower case and digits: what a bare OAuth token looks
  // like. Ids (hex, digits, `s-…`) and paths (`/` is not in the run) do not qualify.
  [
    /(?<![A-Za-z0-9+_-])(?=[A-Za-z0-9+_-]*[A-Z])(?=[A-Za-z0-9+_-]*[a-z])(?=[A-Za-z0-9+_-]*\d)[A-Za-z0-9+_-]{32,}={0,2}/g,
    () => REDACTED
  ]
]

/** Redacts secrets from free text. */
export function redactText(text: string, options: RedactOptions = {}): string {
  let out = text
  for (const secret of options.secrets ?? []) {
    // Very short values would redact ordinary text; real tokens and passwords are longer.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED)
  }
  for (const [pattern, replace] of TEXT_RULES) {
    out = out.replace(pattern, (...m: unknown[]) => replace(...(m as string[])))
  }
  return options.pseudonyms ? options.pseudonyms.text(out) : out
}

/**
 * A JSON-safe copy of `value` with secrets redacted. Cycles become `[Circular]`, very deep values
 * `[Too deep]`; Maps, Sets and Errors are turned into plain data first so nothing hides in them.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  const seen = new WeakSet<object>()
  const pseudonyms = options.pseudonyms
  // `arrayKey`: the key of the array `v` is in, for rules that depend on it (presence `activeCalls`).
  const walk = (v: unknown, depth: number, arrayKey?: string): unknown => {
    if (typeof v === 'string') return redactText(v, options)
    if (typeof v === 'bigint') return v.toString()
    if (typeof v !== 'object' || v === null) return typeof v === 'function' ? undefined : v
    if (seen.has(v)) return '[Circular]'
    if (depth >= MAX_DEPTH) return '[Too deep]'
    seen.add(v)
    try {
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1, arrayKey))
      if (v instanceof Map) return walk(Object.fromEntries(v), depth)
      if (v instanceof Set) return walk([...v], depth)
      if (v instanceof Error) {
        // An error's `name` is its class (`TypeError`), not a person's: only text rules apply.
        const rest = walk({ message: v.message, stack: v.stack }, depth) as object
        return { name: redactText(v.name, { ...options, pseudonyms: undefined }), ...rest }
      }
      const entries: Array<[string, unknown]> = []
      for (const [k, x] of Object.entries(v)) {
        const key = redactText(k, options)
        const kind = pseudonyms?.kindOf(k, x, v, arrayKey)
        entries.push([
          key,
          isSecretKey(k, x) && x !== null
            ? REDACTED
            : kind !== undefined
              ? pseudonyms!.of(kind, String(x))
              : walk(x, depth + 1, k)
        ])
      }
      // fromEntries defines own properties: a `__proto__` key stays data, never a prototype.
      return Object.fromEntries(entries)
    } finally {
      seen.delete(v)
    }
  }
  return walk(value, 0)
}
