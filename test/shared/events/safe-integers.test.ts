import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeNotification, Int, issueText, runDecode } from '../../../src/shared/events'
import { decodeRestSession } from '../../../src/main/core/state/readback-input'

// Past 2^53 a double no longer counts by one: 2^53 + 1 parses as 2^53, so two different sequences
// compare equal and "is this one newer?" gives wrong answers. Such a value must be invalid, not
// silently lossy.
const valid = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/notifications/valid')
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(valid, `${name}.json`), 'utf8')) as Record<string, unknown>

type Path = ReadonlyArray<string | number>
const setAt = (root: Record<string, unknown>, path: Path, value: unknown): void => {
  let at: Record<string | number, unknown> = root
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  at[path[path.length - 1]!] = value
}

/** Every integer field of every notification family, with the path its error names. */
const FIELDS: ReadonlyArray<readonly [string, Path, string]> = [
  ['detailed-presence-sip--favorite-ringing', ['body', 'sequence'], 'body.sequence'],
  [
    'detailed-presence-sip--favorite-ringing',
    ['body', 'totalActiveCalls'],
    'body.totalActiveCalls'
  ],
  ['extension-presence--numeric-owner', ['body', 'sequence'], 'body.sequence'],
  ['account-presence--other-extension', ['body', 'sequence'], 'body.sequence'],
  ['telephony-sessions--queue-ringing', ['body', 'sequence'], 'body.sequence'],
  ['line-list--changed', ['body', 'sequence'], 'body.sequence']
]

const UNSAFE: ReadonlyArray<readonly [number, string]> = [
  [1e29, '1e+29'],
  [2 ** 53, '9007199254740992'],
  [-(2 ** 53), '-9007199254740992'],
  [Number.MAX_VALUE, '1.7976931348623157e+308']
]

describe('integers are safe integers', () => {
  it.each(
    FIELDS.flatMap(([fixture, path, text]) =>
      UNSAFE.map(([n, shown]) => [fixture, text, n, shown, path] as const)
    )
  )('%s %s = %d is invalid', (fixture, text, n, shown, path) => {
    const notification = load(fixture)
    setAt(notification, path, n)
    const r = decodeNotification(notification, {
      accountPresence: fixture.startsWith('account-presence')
    })
    expect(r.ok).toBe(false)
    expect(r.errors.map(issueText)).toEqual([`${text}: expected integer, got ${shown}`])
  })

  it.each(FIELDS)('%s %s at the largest safe integer still decodes', (fixture, path) => {
    const notification = load(fixture)
    setAt(notification, path, Number.MAX_SAFE_INTEGER)
    const r = decodeNotification(notification, {
      accountPresence: fixture.startsWith('account-presence')
    })
    expect(r.errors).toEqual([])
    expect(r.ok).toBe(true)
  })

  it('appearanceNumber, inside an appearance', () => {
    const notification = load('detailed-presence-sip--favorite-ringing')
    setAt(notification, ['body', 'appearances'], [{ appearanceNumber: 1e29 }])
    expect(decodeNotification(notification).errors.map(issueText)).toEqual([
      'body.appearances[0].appearanceNumber: expected integer, got 1e+29'
    ])
  })

  it('a REST session read by a resync', () => {
    const body = load('telephony-sessions--queue-ringing')['body'] as Record<string, unknown>
    const rest = { id: body['telephonySessionId'], parties: body['parties'], sequence: 1e29 }
    const r = decodeRestSession(rest)
    expect(r.ok).toBe(false)
    expect(r.ok ? [] : r.errors.map(issueText)).toEqual(['sequence: expected integer, got 1e+29'])
  })

  it.each([0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1)])('Int accepts %d', (n) => {
    expect(runDecode(Int, n)).toEqual({ value: n, errors: [], warnings: [] })
  })
})
