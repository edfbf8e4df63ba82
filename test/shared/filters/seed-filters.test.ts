/**
 * Every filter / event string that appears in RingCentral's event documents (docs/platform.md#event-documents)
 * parses and round-trips. scripts/extract-seed-fixtures.mjs copies the strings into
 * fixtures/seed-filters.json, which is all this suite reads, so it stands alone.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildFilter, parseEventPath, parseFilter, type Filter } from '../../../src/shared/filters'

const here = dirname(fileURLToPath(import.meta.url))
const FIXTURE = resolve(here, 'fixtures/seed-filters.json')

interface SeedFilters {
  readonly filters: readonly string[]
  readonly bySeed: Readonly<Record<string, readonly string[]>>
}

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as SeedFilters

/** The documents write `{accountId}` / `{extensionId}` placeholders; `~` is what a client subscribes with. */
const fill = (s: string, accountId: string, extensionId: string): string =>
  s.replaceAll('{accountId}', accountId).replaceAll('{extensionId}', extensionId)

/** What each document string must parse to (with `~` for the placeholders). */
const EXPECTED: Readonly<Record<string, Filter>> = {
  '/restapi/v1.0/account/37439510/extension/297277020/presence?detailedTelephonyState=true&sipData=true':
    {
      kind: 'extension-presence',
      accountId: '37439510',
      extensionId: '297277020',
      detail: 'detailed-sip'
    },
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/favorite/presence': {
    kind: 'favorite-presence',
    accountId: '~',
    extensionId: '~',
    detail: 'plain'
  },
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/favorite/presence?detailedTelephonyState=true&sipData=true':
    { kind: 'favorite-presence', accountId: '~', extensionId: '~', detail: 'detailed-sip' },
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence': {
    kind: 'extension-presence',
    accountId: '~',
    extensionId: '~',
    detail: 'plain'
  },
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence/line/presence': {
    kind: 'line-presence',
    accountId: '~',
    extensionId: '~',
    detail: 'plain'
  },
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence/line/presence?detailedTelephonyState=true&sipData=true':
    { kind: 'line-presence', accountId: '~', extensionId: '~', detail: 'detailed-sip' },
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence?detailedTelephonyState=true&sipData=true':
    { kind: 'extension-presence', accountId: '~', extensionId: '~', detail: 'detailed-sip' },
  '/restapi/v1.0/account/{accountId}/presence': { kind: 'account-presence', accountId: '~' },
  '/restapi/v1.0/account/{accountId}/telephony/sessions': {
    kind: 'telephony-sessions',
    accountId: '~',
    params: {}
  },
  '/restapi/v1.0/account/~/extension/6610372004/presence': {
    kind: 'extension-presence',
    accountId: '~',
    extensionId: '6610372004',
    detail: 'plain'
  }
}

describe('seed filter strings', () => {
  it('lists each distinct string of the documents once, sorted', () => {
    expect([...new Set(Object.values(fixture.bySeed).flat())].sort()).toEqual(fixture.filters)
  })

  it('every seed string has an expectation (and only those)', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...fixture.filters])
  })

  it.each(fixture.filters)('%s parses to the expected filter and round-trips', (s) => {
    const filled = fill(s, '~', '~')
    const parsed = parseFilter(filled)
    expect(parsed).toStrictEqual({ ok: true, filter: EXPECTED[s] })
    if (!parsed.ok) return
    // The documents already write the canonical form, so building gives the same text back.
    expect(buildFilter(parsed.filter)).toBe(filled)
    expect(parseFilter(buildFilter(parsed.filter))).toStrictEqual(parsed)
  })

  it.each(fixture.filters)('%s with real ids, and without the /restapi/v1.0 prefix', (s) => {
    const filled = fill(s, '37439510', '297277020')
    const parsed = parseFilter(filled)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(buildFilter(parsed.filter)).toBe(filled)
    expect(parseFilter(filled.slice('/restapi/v1.0'.length))).toStrictEqual(parsed)
  })

  it.each(fixture.filters)('%s classifies as an event path with the same resource', (s) => {
    const filled = fill(s, '37439510', '297277020')
    const parsed = parseFilter(filled)
    const event = parseEventPath(filled)
    expect(parsed.ok && event.ok).toBe(true)
    if (parsed.ok && event.ok) expect(event.path.resource).toBe(parsed.filter.kind)
  })
})
