/**
 * A readback (REST `GET …/telephony/sessions/{id}`) knows less than the events did: no legacy
 * `sessionId`/`serverId` and no time per state. What only the events said must survive it.
 */
import { describe, expect, it } from 'vitest'
import { mergeSession, sessionFromReadback } from '../../../../src/main/core/state/sessions'
import type { TelephonySessionBody } from '../../../../src/shared/events'

const held = {
  sequence: 4,
  sessionId: '180585785144',
  serverId: '10.13.23.41.TAM',
  telephonySessionId: 's-1',
  eventTime: '2026-12-01T10:00:00.000Z',
  parties: [{ id: 'p-1', extensionId: '201', direction: 'Inbound', status: { code: 'Hold' } }]
} as unknown as TelephonySessionBody

describe('a session readback after events', () => {
  const prev = mergeSession(undefined, held, '2026-12-01T10:00:00.000Z').record
  const restParty = held.parties[0]!

  it('keeps the legacy ids the events carried, which REST does not send', () => {
    const r = sessionFromReadback(
      prev,
      's-1',
      undefined,
      [restParty],
      null,
      '2026-12-01T10:01:00.000Z'
    )
    expect(r.fields.sessionId).toBe('180585785144')
    expect(r.fields.serverId).toBe('10.13.23.41.TAM')
  })

  it('keeps when a party entered its state while the state is the same, and not once it changed', () => {
    const same = sessionFromReadback(
      prev,
      's-1',
      undefined,
      [restParty],
      null,
      '2026-12-01T10:01:00.000Z'
    )
    expect(same.parties.get('p-1')?.since).toBe('2026-12-01T10:00:00.000Z')
    const answered = { ...restParty, status: { code: 'Answered' } } as typeof restParty
    const moved = sessionFromReadback(
      prev,
      's-1',
      undefined,
      [answered],
      null,
      '2026-12-01T10:01:00.000Z'
    )
    expect(moved.parties.get('p-1')?.since).toBe('2026-12-01T10:01:00.000Z')
  })
})
