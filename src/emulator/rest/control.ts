/**
 * Call-centre control API under `/__emulator/calls…` (loopback only, no auth; docs/emulator.md
 * "Call centre control"). Tests and demos inject calls, drive them, pause the traffic, run
 * scenarios, and read the emulator's TRUTH to compare with the app's state. Actions go through the
 * engine, so subscribers see the same events as for REST or director traffic.
 */
import * as t from 'io-ts'
import type { Director } from '../callcentre/director'
import type { Engine } from '../callcentre/engine'
import type { TransferTarget } from '../callcentre/flows-transfer'
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
  type ApiResponse,
  type HttpMethod,
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

/** What every control handler works on. */
interface ControlScope {
  readonly engine: Engine
  readonly director: Director
  /** The demo agent's extension id, what `@demo` and the `@lineN`/`@favN` references start from. */
  readonly demo: string
}
type ControlHandler = (s: ControlScope, req: PublicRequest) => ApiResponse
type CallAction = (s: ControlScope, req: PublicRequest) => Outcome<Party>

/** An extension id, from an id or a scenario reference (`@demo`, `@line2`, `104`). */
function who(s: ControlScope, ref: string): string {
  const id = s.engine.cast.findExtension(ref)?.id ?? resolveRef(s.engine, s.demo, ref)
  if (id === undefined) throw apiErrors.notFound('extension', ref)
  return id
}

function sidOf(s: ControlScope, req: PublicRequest): string {
  const sid = req.params['telephonySessionId'] ?? ''
  if (s.engine.session(sid) === undefined) throw apiErrors.notFound('telephonySessionId', sid)
  return sid
}

/** The leg an action applies to: `by`'s live leg, or the one that has the call now. */
function legOf(
  s: ControlScope,
  req: PublicRequest,
  by: string | undefined,
  code?: Party['status']['code']
): Party {
  const sid = sidOf(s, req)
  const ext = by === undefined ? undefined : who(s, by)
  const leg = s.engine.legFor(sid, ext, code)
  if (leg === undefined) throw apiErrors.notFound('partyId', by ?? code ?? '(current)')
  return leg
}

/** The `by` of an optional `{ by }` body. */
const byOf = (req: PublicRequest): string | undefined => decodeBody(By, req.body ?? {}, 'by').by

function done(s: ControlScope, out: Outcome<Party>): ApiResponse {
  if (!out.ok) throw toHttpError(out.error)
  return ok({
    party: legTruth(s.engine, out.value),
    session: sessionTruth(s.engine, out.value.telephonySessionId)
  })
}

const findLeg: ControlHandler = ({ engine }, req) => {
  const q = req.query
  const leg = engine.findLeg({
    ...(q.get('callId') ? { callId: q.get('callId')! } : {}),
    ...(q.get('fromTag') ? { fromTag: q.get('fromTag')! } : {}),
    ...(q.get('toTag') ? { toTag: q.get('toTag')! } : {})
  })
  if (leg === undefined)
    throw apiErrors.notFound('callId', q.get('callId') ?? q.get('fromTag') ?? '')
  return ok(legTruth(engine, leg))
}

const setTraffic: ControlHandler = ({ director }, req) => {
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
}

const runScenario: ControlHandler = ({ director }, req) => {
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
}

const newCall: ControlHandler = (s, req) => {
  const body = decodeBody(NewCall, req.body, 'call')
  const out =
    body.type === 'inbound'
      ? s.engine.inboundCall({
          caller: body.from ?? DEFAULT_CALLER,
          ...(body.ring ? { ring: body.ring.map((r) => who(s, r)) } : {})
        })
      : s.engine.directCall(who(s, body.from), who(s, body.to))
  if (!out.ok) throw toHttpError(out.error)
  return created(sessionTruth(s.engine, out.value.telephonySessionId))
}

const hangup: ControlHandler = (s, req) => {
  const out = s.engine.endSession(sidOf(s, req), true)
  if (!out.ok) throw toHttpError(out.error)
  return ok(sessionTruth(s.engine, out.value.telephonySessionId))
}

/** Director controls answer with the director's state after the change. */
const directorDoes =
  (change: (director: Director) => void): ControlHandler =>
  ({ director }) => {
    change(director)
    return ok(director.state())
  }

const BASE = '/__emulator/calls'

/** In match order: the fixed paths come before `/:telephonySessionId`, which would take them. */
const ROUTES: ReadonlyArray<readonly [HttpMethod, string, ControlHandler]> = [
  ['GET', BASE, ({ engine }) => ok({ records: sessionsTruth(engine) })],
  ['GET', `${BASE}/presence`, ({ engine }) => ok({ records: presenceTruth(engine) })],
  ['GET', `${BASE}/cast`, ({ engine }) => ok(castTruth(engine))],
  ['GET', `${BASE}/director`, ({ director }) => ok(director.state())],
  ['GET', `${BASE}/legs`, findLeg],
  ['POST', `${BASE}/pause`, directorDoes((d) => d.pause())],
  ['POST', `${BASE}/resume`, directorDoes((d) => d.resume())],
  ['PUT', `${BASE}/traffic`, setTraffic],
  ['POST', `${BASE}/scenario`, runScenario],
  ['DELETE', `${BASE}/scenario`, directorDoes((d) => d.stopScenarios())],
  ['POST', BASE, newCall],
  ['GET', `${BASE}/:telephonySessionId`, (s, req) => ok(sessionTruth(s.engine, sidOf(s, req)))],
  ['POST', `${BASE}/:telephonySessionId/hangup`, hangup]
]

function transferTarget(s: ControlScope, b: t.TypeOf<typeof TransferBody>): TransferTarget {
  if (b.to !== undefined) return { kind: 'extension', extensionId: who(s, b.to) }
  if (b.voicemail !== undefined) return { kind: 'voicemail', extensionId: who(s, b.voicemail) }
  if (b.parkOrbit !== undefined) return { kind: 'park', orbit: b.parkOrbit }
  if (b.phoneNumber !== undefined) return { kind: 'phone', phoneNumber: b.phoneNumber }
  throw apiErrors.invalidParameter('transfer', 'give one of to, voicemail, parkOrbit, phoneNumber')
}

/** `POST /__emulator/calls/:telephonySessionId/<name>`: each answers with the leg it changed. */
const ACTIONS: ReadonlyArray<readonly [string, CallAction]> = [
  [
    'answer',
    (s, req) => {
      const { by } = decodeBody(t.type({ by: t.string }), req.body, 'by')
      return s.engine.answer(legOf(s, req, by, 'Proceeding').id)
    }
  ],
  ['hold', (s, req) => s.engine.hold(legOf(s, req, byOf(req)).id)],
  ['unhold', (s, req) => s.engine.unhold(legOf(s, req, byOf(req), 'Hold').id)],
  [
    'park',
    (s, req) => {
      const b = decodeBody(ParkBody, req.body ?? {}, 'park')
      return s.engine.park(legOf(s, req, b.by).id, b.orbit)
    }
  ],
  [
    'pickup',
    (s, req) => {
      const b = decodeBody(PickupBody, req.body, 'pickup')
      return s.engine.pickup(legOf(s, req, undefined, 'Parked').id, who(s, b.by), b.deviceId)
    }
  ],
  [
    'transfer',
    (s, req) => {
      const b = decodeBody(TransferBody, req.body ?? {}, 'transfer')
      const leg = legOf(s, req, b.by)
      return s.engine.transfer(leg.id, transferTarget(s, b))
    }
  ],
  ['drop', (s, req) => s.engine.drop(legOf(s, req, byOf(req)).id)],
  ['miss', (s, req) => s.engine.miss(sidOf(s, req))]
]

export function registerControlRoutes(
  router: Router,
  ctx: RestContext,
  director: Director,
  demo: string
): void {
  const scope: ControlScope = { engine: ctx.engine, director, demo }
  for (const [method, path, handle] of ROUTES)
    router.control(method, path, (req) => handle(scope, req))
  for (const [name, run] of ACTIONS) {
    router.control('POST', `${BASE}/:telephonySessionId/${name}`, (req) =>
      done(scope, run(scope, req))
    )
  }
}
