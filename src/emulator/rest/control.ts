/**
 * Call-centre control API under `/__emulator/calls…` (loopback only, no auth; docs/emulator.md
 * "Call centre control"). Tests and demos inject calls, drive them, pause the traffic, run
 * scenarios, and read the emulator's TRUTH to compare with the app's state. Actions go through the
 * engine, so subscribers see the same events as for REST or director traffic.
 */
import * as t from 'io-ts'
import type { Director } from '../callcentre/director'
import type { Outcome, Party } from '../callcentre/model'
import { resolveRef } from '../callcentre/scenario-run'
import {
  castTruth,
  legTruth,
  presenceTruth,
  sessionsTruth,
  sessionTruth
} from '../callcentre/truth'
import {
  apiError,
  apiErrors,
  created,
  decodeBody,
  ok,
  type PublicRequest,
  type Router
} from '../platform'
import { resolveScenario } from '../scenarios'
import { toHttpError, type RestContext } from './shapes'

const Caller = t.intersection([t.type({ phoneNumber: t.string }), t.partial({ name: t.string })])
const NewCall = t.union([
  t.intersection([
    t.type({ type: t.literal('inbound') }),
    t.partial({ from: Caller, ring: t.array(t.string) })
  ]),
  t.type({ type: t.literal('direct'), from: t.string, to: t.string })
])
const By = t.partial({ by: t.string })
const ParkBody = t.partial({ by: t.string, orbit: t.string })
const PickupBody = t.intersection([t.type({ by: t.string }), t.partial({ deviceId: t.string })])
const TransferBody = t.partial({
  by: t.string,
  to: t.string,
  voicemail: t.string,
  phoneNumber: t.string,
  parkOrbit: t.string
})
const Traffic = t.partial({ enabled: t.boolean, paused: t.boolean, speed: t.number })
const RunScenario = t.union([t.type({ name: t.string }), t.type({ scenario: t.UnknownRecord })])

const DEFAULT_CALLER = { name: 'Dana Whitfield', phoneNumber: '+14155550123' }

export function registerControlRoutes(
  router: Router,
  ctx: RestContext,
  director: Director,
  demo: string
): void {
  const { engine } = ctx
  const who = (ref: string): string => {
    const id = engine.cast.findExtension(ref)?.id ?? resolveRef(engine, demo, ref)
    if (id === undefined) throw apiErrors.notFound('extension', ref)
    return id
  }
  const sidOf = (req: PublicRequest): string => {
    const sid = req.params['telephonySessionId'] ?? ''
    if (engine.session(sid) === undefined) throw apiErrors.notFound('telephonySessionId', sid)
    return sid
  }
  /** The leg an action applies to: `by`'s live leg, or the one that has the call now. */
  const legOf = (
    req: PublicRequest,
    by: string | undefined,
    code?: Party['status']['code']
  ): Party => {
    const sid = sidOf(req)
    const ext = by === undefined ? undefined : who(by)
    const leg =
      ext === undefined && code === undefined
        ? engine.currentLeg(sid)
        : engine
            .parties(sid)
            .find(
              (p) =>
                (ext === undefined || p.extensionId === ext) &&
                (code === undefined || p.status.code === code)
            )
    if (leg === undefined) throw apiErrors.notFound('partyId', by ?? code ?? '(current)')
    return leg
  }
  const done = (out: Outcome<Party>): ReturnType<typeof ok> => {
    if (!out.ok) throw toHttpError(out.error)
    return ok({
      party: legTruth(engine, out.value),
      session: sessionTruth(engine, out.value.telephonySessionId)
    })
  }
  const base = '/__emulator/calls'

  router.control('GET', base, () => ok({ records: sessionsTruth(engine) }))
  router.control('GET', `${base}/presence`, () => ok({ records: presenceTruth(engine) }))
  router.control('GET', `${base}/cast`, () => ok(castTruth(engine)))
  router.control('GET', `${base}/director`, () => ok(director.state()))
  router.control('GET', `${base}/legs`, (req) => {
    const q = req.query
    const leg = engine.findLeg({
      ...(q.get('callId') ? { callId: q.get('callId')! } : {}),
      ...(q.get('fromTag') ? { fromTag: q.get('fromTag')! } : {}),
      ...(q.get('toTag') ? { toTag: q.get('toTag')! } : {})
    })
    if (leg === undefined)
      throw apiErrors.notFound('callId', q.get('callId') ?? q.get('fromTag') ?? '')
    return ok(legTruth(engine, leg))
  })

  router.control('POST', `${base}/pause`, () => {
    director.pause()
    return ok(director.state())
  })
  router.control('POST', `${base}/resume`, () => {
    director.resume()
    return ok(director.state())
  })
  router.control('PUT', `${base}/traffic`, (req) => {
    const patch = decodeBody(Traffic, req.body ?? {}, 'traffic')
    if (patch.speed !== undefined) {
      if (!(patch.speed > 0)) throw apiErrors.invalidParameter('speed', 'must be > 0')
      director.setSpeed(patch.speed)
    }
    if (patch.enabled === true) director.startTraffic(false)
    if (patch.enabled === false) director.stopTraffic()
    if (patch.paused === true) director.pause()
    if (patch.paused === false) director.resume()
    return ok(director.state())
  })
  router.control('POST', `${base}/scenario`, (req) => {
    const body = decodeBody(RunScenario, req.body, 'scenario')
    const r = resolveScenario('name' in body ? body.name : body.scenario)
    if (!r.ok) {
      throw apiError(400, 'InvalidParameter', {
        errorCode: 'CMN-101',
        message: r.errors.join('; '),
        parameterName: 'scenario'
      })
    }
    const run = director.play(r.scenario)
    return { status: 202, body: { name: run.name, steps: r.scenario.steps.length } }
  })
  router.control('DELETE', `${base}/scenario`, () => {
    director.stopScenarios()
    return ok(director.state())
  })

  router.control('POST', base, (req) => {
    const body = decodeBody(NewCall, req.body, 'call')
    const out =
      body.type === 'inbound'
        ? engine.inboundCall({
            caller: body.from ?? DEFAULT_CALLER,
            ...(body.ring ? { ring: body.ring.map(who) } : {})
          })
        : engine.directCall(who(body.from), who(body.to))
    if (!out.ok) throw toHttpError(out.error)
    return created(sessionTruth(engine, out.value.telephonySessionId))
  })
  router.control('GET', `${base}/:telephonySessionId`, (req) =>
    ok(sessionTruth(engine, sidOf(req)))
  )

  const action = (name: string, run: (req: PublicRequest) => Outcome<Party>): void => {
    router.control('POST', `${base}/:telephonySessionId/${name}`, (req) => done(run(req)))
  }
  action('answer', (req) => {
    const { by } = decodeBody(t.type({ by: t.string }), req.body, 'by')
    return engine.answer(legOf(req, by, 'Proceeding').id)
  })
  action('hold', (req) => engine.hold(legOf(req, decodeBody(By, req.body ?? {}, 'by').by).id))
  action('unhold', (req) =>
    engine.unhold(legOf(req, decodeBody(By, req.body ?? {}, 'by').by, 'Hold').id)
  )
  action('park', (req) => {
    const b = decodeBody(ParkBody, req.body ?? {}, 'park')
    return engine.park(legOf(req, b.by).id, b.orbit)
  })
  action('pickup', (req) => {
    const b = decodeBody(PickupBody, req.body, 'pickup')
    return engine.pickup(legOf(req, undefined, 'Parked').id, who(b.by), b.deviceId)
  })
  action('transfer', (req) => {
    const b = decodeBody(TransferBody, req.body ?? {}, 'transfer')
    const leg = legOf(req, b.by)
    if (b.to !== undefined)
      return engine.transfer(leg.id, { kind: 'extension', extensionId: who(b.to) })
    if (b.voicemail !== undefined)
      return engine.transfer(leg.id, { kind: 'voicemail', extensionId: who(b.voicemail) })
    if (b.parkOrbit !== undefined)
      return engine.transfer(leg.id, { kind: 'park', orbit: b.parkOrbit })
    if (b.phoneNumber !== undefined)
      return engine.transfer(leg.id, { kind: 'phone', phoneNumber: b.phoneNumber })
    throw apiErrors.invalidParameter(
      'transfer',
      'give one of to, voicemail, parkOrbit, phoneNumber'
    )
  })
  action('drop', (req) => engine.drop(legOf(req, decodeBody(By, req.body ?? {}, 'by').by).id))
  action('miss', (req) => engine.miss(sidOf(req)))
  router.control('POST', `${base}/:telephonySessionId/hangup`, (req) => {
    const out = engine.endSession(sidOf(req), true)
    if (!out.ok) throw toHttpError(out.error)
    return ok(sessionTruth(engine, out.value.telephonySessionId))
  })
}
