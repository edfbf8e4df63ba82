import { describe, expect, it } from 'vitest'
import {
  localTagOf,
  placeCalls,
  placementLabel,
  sameLeg,
  type LocalDialog,
  type RemoteLeg
} from '../../../src/shared/phone/match'
import { pickupHeaders, replacesHeader, ringingTarget } from '../../../src/shared/phone/replaces'

const PLATFORM_TAG = '10.14.20.199-5070-63fbd8da20314c'
const PHONE_TAG = '7lcee2ho88'

const local = (over: Partial<LocalDialog> = {}): LocalDialog => ({
  callId: 'c0ffee1234abcdef9876',
  localTag: PHONE_TAG,
  remoteTag: PLATFORM_TAG,
  direction: 'inbound',
  telephonySessionId: 's-a1b2c3',
  partyId: 'p-a1b2c3-2',
  queueName: null,
  ringing: false,
  ...over
})

const remote = (over: Partial<RemoteLeg> = {}): RemoteLeg => ({
  key: 'ext:s-a1b2c3',
  telephonySessionId: 's-a1b2c3',
  partyId: 'p-a1b2c3-2',
  presenceId: null,
  sip: { callId: 'c0ffee1234abcdef9876', toTag: PHONE_TAG, fromTag: PLATFORM_TAG },
  deviceName: null,
  ...over
})

describe('sameLeg: one row per kind of leg', () => {
  const rows: ReadonlyArray<{
    readonly name: string
    readonly local: LocalDialog
    readonly remote: RemoteLeg
    readonly same: boolean
  }> = [
    {
      name: 'inbound: the platform sent the INVITE, our tag is the to-tag',
      local: local(),
      remote: remote(),
      same: true
    },
    {
      name: 'outbound: this phone sent the INVITE, our tag is the from-tag',
      local: local({ direction: 'outbound', localTag: PHONE_TAG, remoteTag: PLATFORM_TAG }),
      remote: remote({
        sip: { callId: 'c0ffee1234abcdef9876', toTag: PLATFORM_TAG, fromTag: PHONE_TAG }
      }),
      same: true
    },
    {
      name: 'early: RingCentral has no Call-ID yet, the p-rc-api-ids pair them',
      local: local({ ringing: true }),
      remote: remote({ sip: null, presenceId: 's-a1b2c3' }),
      same: true
    },
    {
      name: 'early: the presence id is the session id, not a Call-ID; the party ids differ',
      local: local({ ringing: true }),
      remote: remote({ sip: null, presenceId: 's-a1b2c3', partyId: 'p-a1b2c3-3' }),
      same: false
    },
    {
      name: 'early: no ids from p-rc-api-ids and no Call-ID on either side match nothing',
      local: local({ telephonySessionId: null, partyId: null, ringing: true }),
      remote: remote({ sip: null }),
      same: false
    },
    {
      name: 'BLF: the placeholder tags never contradict a dialog, the ids pair it',
      local: local({ ringing: true }),
      remote: remote({ sip: { callId: null, toTag: 'blf', fromTag: 'p-a1b2c3-2' } }),
      same: true
    },
    {
      name: 'connected: the presence id is the Call-ID',
      local: local(),
      remote: remote({ sip: null, presenceId: 'c0ffee1234abcdef9876', partyId: null }),
      same: true
    },
    {
      name: "forked: same Call-ID and from-tag, another device's to-tag",
      local: local(),
      remote: remote({
        sip: { callId: 'c0ffee1234abcdef9876', toTag: 'zz9deskpho', fromTag: PLATFORM_TAG }
      }),
      same: false
    },
    {
      name: 'early: the device tag RingCentral reports before the 200 does not exclude a ringing dialog',
      local: local({ ringing: true, localTag: 'invented-for-the-180' }),
      remote: remote(),
      same: true
    },
    {
      name: 'forked: our own fork of the same Call-ID',
      local: local(),
      remote: remote({
        key: 'b',
        sip: { callId: 'c0ffee1234abcdef9876', toTag: PHONE_TAG, fromTag: PLATFORM_TAG }
      }),
      same: true
    },
    {
      name: 'parked: after a REST pickup the new INVITE is matched by its Call-ID',
      local: local({ callId: 'newleg0000parkedpick', partyId: 'p-a1b2c3-5' }),
      remote: remote({
        partyId: 'p-a1b2c3-5',
        sip: { callId: 'newleg0000parkedpick', toTag: PHONE_TAG, fromTag: PLATFORM_TAG }
      }),
      same: true
    },
    {
      name: "switched: same party, but RingCentral still reports the other device's dialog",
      local: local({ callId: 'switched00000000here' }),
      remote: remote(),
      same: false
    },
    {
      name: 'switched: once RingCentral reports the new dialog it is here',
      local: local({ callId: 'switched00000000here' }),
      remote: remote({
        sip: { callId: 'switched00000000here', toTag: PHONE_TAG, fromTag: PLATFORM_TAG }
      }),
      same: true
    },
    {
      name: 'a different Call-ID is another call, whatever the tags',
      local: local(),
      remote: remote({ sip: { callId: 'other', toTag: PHONE_TAG, fromTag: PLATFORM_TAG } }),
      same: false
    }
  ]
  for (const row of rows) it(row.name, () => expect(sameLeg(row.local, row.remote)).toBe(row.same))
})

describe("localTagOf: direction decides which of RingCentral's tags is ours", () => {
  const tags = { callId: 'c', toTag: 'T', fromTag: 'F' }
  it.each([
    ['inbound', 'T'],
    ['outbound', 'F']
  ] as const)('%s → %s', (direction, tag) => expect(localTagOf(tags, direction)).toBe(tag))
  it('the BLF placeholder names no tag of ours', () =>
    expect(localTagOf({ callId: null, toTag: 'blf', fromTag: 'p-1-2' }, 'inbound')).toBeNull())
})

describe('placeCalls', () => {
  it('labels each call: on this computer, ringing here, on another device', () => {
    const here = local()
    const ringingUnknown = local({
      callId: 'ringing00000unknown0',
      telephonySessionId: 's-9',
      partyId: 'p-9-1',
      ringing: true
    })
    const elsewhere = remote({
      key: 'desk',
      telephonySessionId: 's-7',
      partyId: 'p-7-1',
      sip: { callId: 'deskcall', toTag: 'desk', fromTag: PLATFORM_TAG },
      deviceName: 'Desk phone'
    })
    const placed = placeCalls([here, ringingUnknown], [remote(), elsewhere])
    expect(placed.map((p) => [p.kind, placementLabel(p)])).toEqual([
      ['here', 'on this computer'],
      ['elsewhere', 'on another device (Desk phone)'],
      ['ringing-here', 'ringing here']
    ])
    expect(placed[2]).toMatchObject({ remote: null })
  })
  it('pairs each local dialog with one leg only (two forks, one of them ours)', () => {
    const ours = remote({ key: 'ours' })
    const theirs = remote({
      key: 'theirs',
      sip: { callId: 'c0ffee1234abcdef9876', toTag: 'other', fromTag: PLATFORM_TAG }
    })
    const placed = placeCalls([local()], [theirs, ours])
    expect(placed.map((p) => p.kind)).toEqual(['elsewhere', 'here'])
  })
  it('a device without a name is still "on another device"', () => {
    expect(placementLabel({ kind: 'elsewhere', remote: remote(), deviceName: null })).toBe(
      'on another device'
    )
  })
})

describe("replacesHeader: RingCentral's swapped orientation", () => {
  it('held: the Call-ID, to-tag = sipData.fromTag, from-tag = sipData.toTag, no early-only', () => {
    const h = replacesHeader({
      kind: 'held',
      callId: 'abc',
      tags: { callId: 'abc', toTag: 'DEV', fromTag: 'PLAT' }
    })
    expect(h).toBe('abc;to-tag=PLAT;from-tag=DEV')
  })
  it('ringing: the session id, to-tag = the party id, from-tag = blf, early-only', () => {
    expect(replacesHeader({ kind: 'ringing', telephonySessionId: 's-1', partyId: 'p-1-3' })).toBe(
      's-1;to-tag=p-1-3;from-tag=blf;early-only'
    )
  })
  it("ringing: the BLF placeholder's fromTag wins over the telephony party id", () => {
    expect(ringingTarget('s-1', 'p-1-3', { callId: null, toTag: 'blf', fromTag: 'p-1-4' })).toEqual(
      {
        kind: 'ringing',
        telephonySessionId: 's-1',
        partyId: 'p-1-4'
      }
    )
    expect(
      ringingTarget('s-1', 'p-1-3', { callId: 'x', toTag: 'DEV', fromTag: 'PLAT' })
    ).toMatchObject({ partyId: 'p-1-3' })
  })
  it('the INVITE requires the extension', () => {
    expect(pickupHeaders({ kind: 'ringing', telephonySessionId: 's-1', partyId: 'p-1-3' })).toEqual(
      {
        Replaces: 's-1;to-tag=p-1-3;from-tag=blf;early-only',
        Require: 'replaces'
      }
    )
  })
})
