/**
 * The variety that changes a body's JSON types, not its meaning: ids as JSON numbers and
 * `+0000` timestamps (docs/platform.md#real-payloads). Applied to the rendered body as it leaves
 * the projection, because the wire types (wire.ts) are the decoded types, whose ids are strings.
 * Each returns the body unchanged (the same object) when no kind applies, so the render cache
 * still shares one body between subscribers.
 */
import { numericId, offsetTimestamp, type Variety } from './variety'
import type { WireParty, WirePartyInfo, WireTelephonyBody } from './wire'

type Json = Record<string, unknown>

const withNumericIds = (o: Json, keys: ReadonlyArray<string>): Json => {
  const out: Json = { ...o }
  for (const k of keys) if (out[k] !== undefined) out[k] = numericId(out[k])
  return out
}

const infoIds = (info: WirePartyInfo): Json => withNumericIds(info, ['extensionId', 'deviceId'])

const partyIds = (p: WireParty): Json => ({
  ...withNumericIds(p, ['accountId', 'extensionId']),
  to: infoIds(p.to ?? {}),
  from: infoIds(p.from ?? {})
})

/** Key: the session and its sequence, so every subscriber sees the same body for one change. */
export function varyTelephonyBody(body: WireTelephonyBody, variety: Variety): unknown {
  const key = `${body.telephonySessionId}:${body.sequence}`
  const numeric = variety.applies('numericIds', key)
  const offset = variety.applies('offsetTimestamps', key)
  if (!numeric && !offset) return body
  let out: Json = { ...body }
  if (numeric) {
    out = withNumericIds(out, ['accountId', 'extensionId', 'sessionId'])
    out['parties'] = body.parties.map(partyIds)
  }
  if (offset && body.eventTime !== undefined) out['eventTime'] = offsetTimestamp(body.eventTime)
  return out
}

interface PresenceLike {
  readonly extensionId: string
  readonly sequence?: number
  readonly activeCalls?: ReadonlyArray<{ readonly startTime?: string; readonly sessionId?: string }>
}

/** Key: the extension and its presence sequence. */
export function varyPresenceBody(body: PresenceLike, variety: Variety): unknown {
  const key = `${body.extensionId}:${body.sequence ?? ''}`
  const numeric = variety.applies('numericIds', key)
  const offset = variety.applies('offsetTimestamps', key) && body.activeCalls !== undefined
  if (!numeric && !offset) return body
  const out: Json = numeric ? withNumericIds({ ...body }, ['extensionId']) : { ...body }
  if (body.activeCalls !== undefined) {
    out['activeCalls'] = body.activeCalls.map((c) => {
      const call: Json = numeric ? withNumericIds({ ...c }, ['sessionId']) : { ...c }
      if (offset && c.startTime !== undefined) call['startTime'] = offsetTimestamp(c.startTime)
      return call
    })
  }
  return out
}
