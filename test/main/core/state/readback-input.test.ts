import { describe, expect, it } from 'vitest'
import {
  decodeRestPresence,
  decodeRestSession
} from '../../../../src/main/core/state/readback-input'
import { deriveViews, initialState, reduce } from '../../../../src/main/core/state'
import { DIRECTORY } from './builders'

const presence = {
  uri: 'https://platform.ringcentral.com/restapi/v1.0/account/1/extension/201/presence',
  extension: { id: 201, uri: '…', extensionNumber: '201' },
  presenceStatus: 'Busy',
  telephonyStatus: 'Ringing',
  userStatus: 'Available',
  dndStatus: 'TakeAllCalls',
  activeCalls: [
    {
      id: 's-1',
      direction: 'Inbound',
      from: '+14155550123',
      fromName: 'Dana Whitfield',
      to: '201',
      telephonyStatus: 'Ringing',
      startTime: '2026-11-21T09:30:00.000+0000',
      telephonySessionId: 's-1',
      partyId: 'p-1',
      sipData: { toTag: 'blf', fromTag: 'p-1-tag', remoteUri: '-', localUri: '-' }
    }
  ]
}
const session = {
  id: 's-1',
  origin: { type: 'Call' },
  parties: [{ id: 'p-1', extensionId: 201, direction: 'Inbound', status: { code: 'Proceeding' } }]
}

describe('REST readback decoders', () => {
  it('decodes presence and a session into a readback the reducer takes', () => {
    const p = decodeRestPresence(presence)
    const s = decodeRestSession(session)
    if (!p.ok || !s.ok) throw new Error('did not decode')
    expect(p.value.extensionId).toBe('201')
    const start = reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
    const state = reduce(start, {
      type: 'readback',
      readback: { at: '2026-11-21T09:31:00.000Z', presence: [p.value], sessions: [s.value] }
    }).state
    const views = deriveViews(state)
    expect(views.ringingLines.map((r) => [r.id, r.partyId, r.sip?.toTag])).toEqual([
      ['201:s-1', 'p-1', 'blf']
    ])
    expect(views.accountSessions.map((x) => x.id)).toEqual(['s-1'])
  })

  it('takes the settings fields a user PUT (callerIdVisibility) without losing the calls', () => {
    const p = decodeRestPresence({ ...presence, callerIdVisibility: 'PermittedUsers' })
    if (!p.ok) throw new Error('did not decode')
    const calls = 'activeCalls' in p.value ? p.value.activeCalls : undefined
    expect(calls?.map((c) => c.telephonySessionId)).toEqual(['s-1'])
  })

  it('reports errors with paths instead of throwing', () => {
    expect(decodeRestPresence({ presenceStatus: 'Busy' })).toMatchObject({ ok: false })
    expect(decodeRestPresence(null)).toMatchObject({ ok: false })
    const bad = decodeRestSession({ id: 's', parties: [{ id: 1 }] })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors.map((e) => e.path)).toContain('parties[0].id')
  })
})
