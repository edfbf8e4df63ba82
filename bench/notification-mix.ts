/**
 * A deterministic, realistic mix of notification texts: mostly detailed presence with SIP for
 * monitored lines (one to three active calls), then account telephony sessions (one party each, as
 * account-level subscriptions deliver), plain presence and list changes.
 */

import { createRng } from '../src/emulator/callcentre/random'

/** The emulator's seeded mulberry32 (callcentre/random.ts): the same seed, the same texts. */
const random = (seed: number): (() => number) => createRng(seed).next

const ACCOUNT = '37439510'
const OWNER = '297277020'
const NAMES = ['Dana Whitfield', 'Ravi Menon', 'Lucía Ortega', 'Tom Becker', 'Aiko Tanaka']
const STATUSES = ['Ringing', 'CallConnected', 'OnHold', 'ParkedCall'] as const
const CODES = ['Setup', 'Proceeding', 'Answered', 'Hold', 'Parked', 'Disconnected', 'Gone'] as const

export function makeMix(count: number, seed: number): string[] {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('')
  const when = (): string => new Date(1795000000000 + Math.floor(rnd() * 1e9)).toISOString()
  const envelope = (event: string, body: unknown): string =>
    JSON.stringify({
      uuid: String(6401130007461871000 + Math.floor(rnd() * 1e6)),
      event,
      timestamp: when(),
      subscriptionId: 'dfbca25e-4e2b-4c60-aa8d-47a83716fe23',
      ownerId: OWNER,
      body
    })
  const activeCall = (): unknown => {
    const s = hex(32)
    return {
      id: `s-${s}`,
      direction: pick(['Inbound', 'Outbound']),
      queueCall: rnd() < 0.6,
      from: `+1415555${String(Math.floor(rnd() * 1e4)).padStart(4, '0')}`,
      fromName: pick(NAMES),
      to: '+16505550101',
      toName: 'Support Queue',
      startTime: when(),
      telephonyStatus: pick(STATUSES),
      sipData: { toTag: hex(10), fromTag: `p-${s}-2`, remoteUri: '-', localUri: '-' },
      sessionId: String(118139132021 + Math.floor(rnd() * 1e6)),
      partyId: `p-${s}-2`,
      telephonySessionId: `s-${s}`
    }
  }
  const presence = (detailed: boolean): unknown => {
    const calls = detailed
      ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, activeCall)
      : undefined
    return {
      extensionId: String(297277000 + Math.floor(rnd() * 100)),
      telephonyStatus: pick(STATUSES),
      ...(calls ? { activeCalls: calls, totalActiveCalls: calls.length } : {}),
      sequence: Math.floor(rnd() * 1e5),
      presenceStatus: 'Busy',
      userStatus: 'Available',
      dndStatus: 'TakeAllCalls',
      meetingStatus: 'Disconnected',
      allowSeeMyPresence: true,
      ringOnMonitoredCall: true,
      pickUpCallsOnHold: true
    }
  }
  const telephony = (): unknown => {
    const s = hex(32)
    const ext = String(297277000 + Math.floor(rnd() * 100))
    return {
      sequence: Math.floor(rnd() * 50),
      sessionId: '402936341008',
      telephonySessionId: `s-${s}`,
      serverId: '10.13.22.28.TAM',
      eventTime: when(),
      origin: { type: 'Call' },
      parties: [
        {
          accountId: ACCOUNT,
          extensionId: ext,
          id: `p-${s}-2`,
          direction: 'Inbound',
          to: { phoneNumber: '+16505550101', name: 'Support Queue', extensionId: ext },
          from: { phoneNumber: '+14155550123', name: pick(NAMES) },
          status: { code: pick(CODES), rcc: false },
          park: {},
          missedCall: false,
          standAlone: false,
          muted: false,
          sipData: { callId: hex(24), toTag: hex(10), fromTag: hex(12) }
        }
      ]
    }
  }
  const base = `/restapi/v1.0/account/${ACCOUNT}/extension/${OWNER}`
  return Array.from({ length: count }, () => {
    const r = rnd()
    if (r < 0.5)
      return envelope(
        `${base}/presence/line/presence?detailedTelephonyState=true&sipData=true`,
        presence(true)
      )
    if (r < 0.85)
      return envelope(
        `/restapi/v1.0/account/${ACCOUNT}/extension/297277031/telephony/sessions?sipData=true`,
        telephony()
      )
    if (r < 0.97) return envelope(`${base}/presence`, presence(false))
    return envelope(`${base}/presence/line`, { extension: [{ id: '297277031' }], sequence: 3 })
  })
}
