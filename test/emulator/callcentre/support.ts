/**
 * Shared fixtures for the call-centre unit tests: a seeded cast and engine on a fake clock, a
 * subscriber holding every filter of the event documents, and a decoder that insists on zero errors
 * and warnings.
 */
import { decodeNotification } from '../../../src/shared/events'
import { createCast, type Cast } from '../../../src/emulator/callcentre/cast'
import { Engine } from '../../../src/emulator/callcentre/engine'
import type { Change } from '../../../src/emulator/callcentre/model'
import { Projector, type SubscriberView } from '../../../src/emulator/callcentre/project'
import type { Delivery } from '../../../src/emulator/callcentre/wire'

export interface Rig {
  readonly cast: Cast
  readonly engine: Engine
  readonly projector: Projector
  readonly clock: { t: number; advance(ms: number): void }
  readonly changes: Change[]
}

export const START = Date.UTC(2026, 10, 21, 9, 30, 0)

export function rig(seed: number | string = 7, agents = 12): Rig {
  const cast = createCast({ seed, agents })
  const clock = {
    t: START,
    advance(ms: number): void {
      this.t += ms
    }
  }
  const engine = new Engine(cast, { seed, now: () => clock.t })
  const changes: Change[] = []
  engine.onChanges((c) => changes.push(...c))
  return { cast, engine, projector: new Projector(engine), clock, changes }
}

/**
 * Every filter family of the event documents (docs/platform.md#event-documents), for the demo
 * agent, with real ids.
 */
export function seedFilters(cast: Cast, owner = cast.demoAgent.id): string[] {
  const a = `/restapi/v1.0/account/${cast.accountId}`
  const e = `${a}/extension/${owner}`
  return [
    `${e}/presence?detailedTelephonyState=true&sipData=true`,
    `${e}/presence/line/presence?detailedTelephonyState=true&sipData=true`,
    `${e}/favorite/presence`,
    `${a}/presence`,
    `${a}/telephony/sessions`,
    `${a}/telephony/sessions?direction=Inbound`,
    `${a}/telephony/sessions?statusCode=Parked`,
    `${a}/telephony/sessions?sipData=true`,
    `${e}/presence/line`,
    `${e}/favorite`
  ]
}

/**
 * Collects what `filters` receive, projected at the moment each command commits (as the live
 * emulator publishes), so later list changes do not rewrite history.
 */
export function watch(r: Rig, filters?: string[]): Delivery[] {
  const sub = subscriber(r.cast, filters ?? seedFilters(r.cast))
  const out: Delivery[] = []
  r.engine.onChanges((changes) => out.push(...r.projector.deliveries(sub, changes)))
  return out
}

export function subscriber(cast: Cast, filters = seedFilters(cast)): SubscriberView {
  return { accountId: cast.accountId, ownerExtensionId: cast.demoAgent.id, eventFilters: filters }
}

let uuid = 0
/** Stamps a delivery like the gateway does, so it can be decoded as a full notification. */
export function envelope(d: Delivery, ownerId: string): Record<string, unknown> {
  uuid++
  return {
    uuid: String(6401130007461871000 + uuid),
    event: d.event,
    timestamp: new Date(START).toISOString(),
    subscriptionId: 'dfbca25e-4e2b-4c60-aa8d-47a83716fe23',
    ownerId,
    body: d.body
  }
}

/** Decodes and returns the problems (errors and warnings) of every delivery. */
export function problems(deliveries: ReadonlyArray<Delivery>, ownerId: string): string[] {
  const out: string[] = []
  for (const d of deliveries) {
    const r = decodeNotification(envelope(d, ownerId))
    for (const i of [...r.errors, ...r.warnings]) out.push(`${d.event}: ${i.path}: ${i.message}`)
  }
  return out
}
