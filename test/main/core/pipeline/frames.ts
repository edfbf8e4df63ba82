/** Raw envelopes as the socket delivers them, for the pipeline's entry (it decodes them itself). */
import { ACCOUNT, at, nextUuid, OWNER } from '../state/builders'

const SUBSCRIPTION = 'dfbca25e-4e2b-4c60-aa8d-47a83716fe23'
const BASE = `/restapi/v1.0/account/${ACCOUNT}/extension/${OWNER}`

const envelope = (event: string, body: unknown, uuid = nextUuid()): Record<string, unknown> => ({
  uuid,
  event,
  timestamp: at(0),
  subscriptionId: SUBSCRIPTION,
  ownerId: OWNER,
  body
})

/** Detailed presence of a monitored line, as line presence delivers it. */
export const linePresence = (
  ext: string,
  sequence: number,
  uuid?: string
): Record<string, unknown> =>
  envelope(
    `${BASE}/presence/line/presence?detailedTelephonyState=true&sipData=true`,
    { extensionId: ext, sequence, telephonyStatus: 'NoCall', activeCalls: [] },
    uuid
  )

/** One party of an account-level telephony session event, with its per-session sequence. */
export const telephonyEvent = (session: string, sequence: number): Record<string, unknown> =>
  envelope(`${BASE}/telephony/sessions?sipData=true`, {
    sequence,
    telephonySessionId: session,
    // Per-session sequences: the extension named here must not get a presence gap from them.
    extensionId: '201',
    eventTime: at(sequence),
    parties: [{ id: `${session}-p`, extensionId: '201', status: { code: 'Proceeding' } }]
  })

/** The monitored-lines list changed; its sequence is the list's, not a line's presence. */
export const lineListChanged = (sequence: number): Record<string, unknown> =>
  envelope(`${BASE}/presence/line`, { extension: [{ id: '201' }], sequence })

/** A favorite's list changed. */
export const favoritesChanged = (): Record<string, unknown> =>
  envelope(`${BASE}/favorite`, { extensionId: '204' })

/** A presence call entry of a monitored line (`activeCalls`), ringing unless told. */
export const presenceCall = (
  session: string,
  telephonyStatus = 'Ringing'
): Record<string, unknown> => ({
  id: `${session}-call`,
  direction: 'Inbound',
  from: '+14155550123',
  fromName: 'Dana Whitfield',
  to: '201',
  telephonyStatus,
  telephonySessionId: session
})

/** Detailed presence of a monitored line with its call list; Ringing while any entry rings. */
export const linePresenceCalls = (
  ext: string,
  sequence: number,
  calls: ReadonlyArray<Record<string, unknown>>
): Record<string, unknown> =>
  envelope(`${BASE}/presence/line/presence?detailedTelephonyState=true&sipData=true`, {
    extensionId: ext,
    sequence,
    telephonyStatus: calls.some((c) => c['telephonyStatus'] === 'Ringing') ? 'Ringing' : 'NoCall',
    activeCalls: calls
  })

/** One party on `ext` of an account-level telephony session, in state `code`. */
export const partyEvent = (
  session: string,
  sequence: number,
  ext: string,
  code: string
): Record<string, unknown> =>
  envelope(`/restapi/v1.0/account/${ACCOUNT}/extension/${ext}/telephony/sessions?sipData=true`, {
    sequence,
    telephonySessionId: session,
    extensionId: ext,
    eventTime: at(sequence),
    parties: [
      {
        id: `${session}-${ext}`,
        extensionId: ext,
        direction: 'Inbound',
        status: { code },
        from: { phoneNumber: '+14155550123', name: 'Dana Whitfield' },
        to: { phoneNumber: '+16505550201', extensionId: ext }
      }
    ]
  })
