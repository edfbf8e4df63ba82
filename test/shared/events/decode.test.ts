import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  decodeNotification,
  decodeNotificationText,
  type EventKind,
  issueText
} from '../../../src/shared/events'
import { readSeedFixtures } from '../../support/seeds'

const here = dirname(fileURLToPath(import.meta.url))
const fixtures = resolve(here, '../../fixtures/notifications')
const load = (dir: string, name: string): unknown =>
  JSON.parse(readFileSync(join(fixtures, dir, `${name}.json`), 'utf8'))
const names = (dir: string): string[] =>
  readdirSync(join(fixtures, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))

/**
 * The document each example comes from says what it documents (docs/platform.md#event-documents):
 * detailed presence with SIP (Markdown, then the web page), extension presence, account presence.
 */
const SEED_KINDS: Record<string, { kind: EventKind; accountPresence?: boolean }> = {
  '000_a59a829d54295cc9.txt': { kind: 'detailed-presence-sip' },
  '001_387377862652d68e.txt': { kind: 'detailed-presence-sip' },
  '002_09b355923774556b.txt': { kind: 'extension-presence' },
  // The account presence example is textually the extension presence sample: only the subscription
  // says it is account presence, which is what the `accountPresence` option carries.
  '003_b8eb514f1788f936.txt': { kind: 'account-presence', accountPresence: true }
}

describe('seed examples', () => {
  const examples = readSeedFixtures()

  it('has every seed example with a JSON body as a fixture', () => {
    expect(examples.map((e) => e.seed)).toEqual(Object.keys(SEED_KINDS))
  })

  it.each(examples)('$seed example $index decodes to its kind with no errors', (ex) => {
    const expected = SEED_KINDS[ex.seed]!
    const r = decodeNotification(ex.notification, { accountPresence: expected.accountPresence })
    expect(r.errors.map(issueText)).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.kind).toBe(expected.kind)
  })

  it('keeps SIP tags, ids and times of the detailed presence with SIP example as typed values', () => {
    const r = decodeNotification(examples[0]!.notification)
    if (!r.ok || r.value.kind !== 'detailed-presence-sip') throw new Error('expected sip presence')
    const [held, ringing] = r.value.body.activeCalls ?? []
    expect(held?.sipData).toMatchObject({
      toTag: '7lcee2ho88',
      fromTag: '10.14.20.199-5070-63fbd8da20314c'
    })
    expect(ringing?.telephonyStatus).toBe('Ringing')
    expect(ringing?.sipData?.toTag).toBe('blf')
    expect(r.value.path).toMatchObject({ accountId: '37439510', extensionId: '297277020' })
    expect(r.value.source).toBe('own')
  })
})

describe('own fixtures: valid', () => {
  it.each(names('valid'))('%s decodes to the kind in its name', (name) => {
    const r = decodeNotification(load('valid', name))
    expect(r.errors.map(issueText)).toEqual([])
    expect(r.ok).toBe(true)
    expect(r.kind).toBe(name.split('--')[0])
  })

  it('normalises numeric ids and +0000 timestamps', () => {
    const r = decodeNotification(load('valid', 'telephony-sessions--parked-numeric-ids'))
    if (!r.ok || r.value.kind !== 'telephony-sessions') throw new Error('expected telephony')
    expect(r.value.timestamp).toBe('2026-11-21T09:31:02.000Z')
    expect(r.value.body.accountId).toBe('37439510')
    expect(r.value.body.parties[0]?.extensionId).toBe('297277031')
    expect(r.value.body.parties[0]?.status).toMatchObject({
      code: 'Parked',
      reason: 'CallPark',
      parkData: '*801'
    })
  })

  it('normalises a numeric uuid and ownerId in the envelope', () => {
    const r = decodeNotification(load('valid', 'extension-presence--numeric-owner'))
    if (!r.ok) throw new Error(r.errors.map(issueText).join('; '))
    expect(r.value.uuid).toBe('6401130007461871')
    expect(r.value.ownerId).toBe('297277020')
    expect(r.value.body).toMatchObject({ extensionId: '297277020' })
  })

  it('types Tds, CallSwitch, Zoom and dnd Unknown as known values', () => {
    const tds = decodeNotification(load('valid', 'telephony-sessions--new-codes'))
    expect(tds.warnings).toEqual([])
    const dnd = decodeNotification(load('valid', 'detailed-presence--line-ringing'))
    expect(dnd.warnings).toEqual([])
    if (dnd.ok) expect(dnd.value.body).toMatchObject({ dndStatus: 'Unknown' })
  })

  it('keeps unknown enum values explicitly and warns with their paths', () => {
    const r = decodeNotification(load('valid', 'telephony-sessions--unknown-enum-values'))
    if (!r.ok || r.value.kind !== 'telephony-sessions') throw new Error('expected telephony')
    expect(r.value.body.parties[0]?.status).toMatchObject({
      code: { unknown: 'Warping' },
      reason: { unknown: 'Teleported' }
    })
    expect(r.warnings.map((w) => w.path)).toEqual([
      'body.parties[0].status.code',
      'body.parties[0].status.reason'
    ])
    expect(r.warnings[0]?.message).toContain('"Warping"')
  })

  it('keeps unknown fields', () => {
    const r = decodeNotification(load('valid', 'telephony-sessions--unknown-enum-values'))
    if (!r.ok || r.value.kind !== 'telephony-sessions') throw new Error('expected telephony')
    expect(r.value.body.parties[0]).toMatchObject({
      futureField: { x: 1 },
      uiCallInfo: expect.any(Object)
    })
  })

  it('classifies a plain presence event for another extension as account presence', () => {
    const r = decodeNotification(load('valid', 'account-presence--other-extension'))
    expect(r.kind).toBe('account-presence')
    if (r.ok && r.value.kind === 'account-presence') expect(r.value.source).toBe('account')
  })
})

describe('own fixtures: broken', () => {
  const expected: Record<string, string[]> = {
    'sip-tag-not-string': ['body.activeCalls[1].sipData.toTag: expected string, got 42'],
    'presence-missing-extension-id': [
      'body.extensionId: expected id (string or integer), got nothing (the field is missing)'
    ],
    'telephony-missing-session-and-bad-code': [
      'body.telephonySessionId: expected string, got nothing (the field is missing)',
      'body.parties[0].status.code: expected StatusCode, got 7'
    ],
    'telephony-parties-not-array': ['body.parties: expected Array<Party>, got an object'],
    'envelope-bad-timestamp-no-uuid': [
      'uuid: expected id (string or integer), got nothing (the field is missing)',
      'timestamp: expected ISO 8601 timestamp, got "yesterday"'
    ],
    'presence-sequence-string-bad-start-time': [
      'body.sequence: expected integer, got "411"',
      'body.activeCalls[0].startTime: expected ISO 8601 timestamp, got "21/11/2026 09:30"'
    ]
  }

  it('covers every broken fixture', () => {
    expect(
      names('broken')
        .filter((n) => n !== 'unknown-event-path')
        .sort()
    ).toEqual(Object.keys(expected).sort())
  })

  it.each(Object.entries(expected))('%s reports its errors with paths', (name, errors) => {
    const r = decodeNotification(load('broken', name))
    expect(r.ok).toBe(false)
    expect(r.errors.map(issueText)).toEqual(errors)
  })

  it('reports an unknown event path as kind unknown', () => {
    const r = decodeNotification(load('broken', 'unknown-event-path'))
    expect(r).toMatchObject({ ok: false, kind: 'unknown' })
    expect(r.errors[0]?.path).toBe('event')
  })
})

describe('inputs that are not notifications at all', () => {
  it.each([null, 42, 'text', [], [{ uuid: '1' }], undefined])(
    '%j is invalid, never a throw',
    (u) => {
      const r = decodeNotification(u)
      expect(r).toMatchObject({ ok: false, kind: 'invalid' })
      expect(r.errors.length).toBeGreaterThan(0)
    }
  )

  it('reports garbage JSON text as not JSON', () => {
    const r = decodeNotificationText('{"uuid": "1", "event":')
    expect(r.ok).toBe(false)
    expect(r.errors[0]?.message).toMatch(/^not JSON: /)
  })
})
