/**
 * Ringside's own phone: `ringcentral-web-phone` 2.x in the renderer, as the agent's device on this
 * computer (docs/phone.md). The library places and answers calls; this service owns what it does
 * not (registration state and re-registering, in registration.ts), keeps a plain description of
 * every call for the store, and runs pickups: an INVITE with `Replaces` for held and ringing calls,
 * and the silent answer of the INVITE that follows a REST pickup or answer to this computer.
 */
import WebPhone from 'ringcentral-web-phone'
import type CallSession from 'ringcentral-web-phone/call-session/index'
import type InboundCallSession from 'ringcentral-web-phone/call-session/inbound'
import type { SipPickupPlan } from '../../../shared/phone/replaces'
import type { PhoneSetup } from '../../../shared/phone/provision'
import { createRegistrar, type Registrar, type Registration } from './registration'
import { pickupFailure, type PickupResult } from './pickup-result'

export type { Registration } from './registration'

export interface PhoneCall {
  readonly callId: string
  readonly direction: 'inbound' | 'outbound'
  readonly state: 'ringing' | 'connecting' | 'answered'
  readonly held: boolean
  readonly muted: boolean
  readonly localTag: string | null
  readonly remoteTag: string | null
  readonly telephonySessionId: string | null
  readonly partyId: string | null
  readonly callerName: string | null
  readonly remoteNumber: string | null
  readonly queueName: string | null
  readonly answeredAt: number | null
  /** How the call came here when it was picked up. */
  readonly pickup: SipPickupPlan['kind'] | 'parked' | null
}

export interface PhoneDeviceChoice {
  readonly input: string | null
  readonly output: string | null
}

export interface PhoneServiceDeps {
  readonly now?: () => number
  readonly random?: () => number
  readonly create?: (options: ConstructorParameters<typeof WebPhone>[0]) => WebPhone
}

export interface PhoneService {
  start(setup: PhoneSetup, devices: PhoneDeviceChoice): void
  stop(): void
  restart(reason: string): void
  registration(): Registration
  calls(): readonly PhoneCall[]
  /** Called on every change of the registration or of a call. */
  onChange(listener: () => void): void
  answer(callId: string): Promise<void>
  decline(callId: string): Promise<void>
  hangup(callId: string): Promise<void>
  hold(callId: string): Promise<void>
  unhold(callId: string): Promise<void>
  mute(callId: string, muted: boolean): void
  /** Sends the pickup INVITE the core planned; resolves when it is answered or refused. */
  pickUp(plan: SipPickupPlan): Promise<PickupResult>
  /** The next INVITE with `Alert-Info: Auto Answer` within `ms` is answered without ringing. */
  expectAutoAnswer(kind: 'parked' | null, ms?: number): void
  setDevices(devices: PhoneDeviceChoice): void
}

interface Tracked {
  readonly session: CallSession
  held: boolean
  muted: boolean
  answeredAt: number | null
  pickup: PhoneCall['pickup']
}

const header = (s: CallSession, name: string): string | null =>
  s.sipMessage?.getHeader(name) ?? null

function describeCall(t: Tracked): PhoneCall {
  const s = t.session
  const inbound = s.direction === 'inbound' ? (s as InboundCallSession) : undefined
  const info = inbound?.rcApiCallInfo
  const safe = <T>(read: () => T): T | null => {
    try {
      return read() ?? null
    } catch {
      return null
    }
  }
  return {
    callId: s.callId,
    direction: s.direction,
    state:
      s.state === 'answered' ? 'answered' : s.direction === 'inbound' ? 'ringing' : 'connecting',
    held: t.held,
    muted: t.muted,
    localTag: safe(() => s.localTag) || null,
    remoteTag: safe(() => s.remoteTag) || null,
    telephonySessionId: s.sessionId ?? null,
    partyId: s.partyId ?? null,
    callerName: info?.callerIdName ?? null,
    remoteNumber: safe(() => s.remoteNumber) || null,
    queueName: info?.queueName ?? null,
    answeredAt: t.answeredAt,
    pickup: t.pickup
  }
}

export function createPhoneService(deps: PhoneServiceDeps = {}): PhoneService {
  const now = deps.now ?? Date.now
  const registrar: Registrar = createRegistrar({
    create: deps.create ?? ((o) => new WebPhone(o)),
    now,
    random: deps.random ?? Math.random
  })
  const tracked = new Map<string, Tracked>()
  const listeners: Array<() => void> = []
  let devices: PhoneDeviceChoice = { input: null, output: null }
  let autoAnswer: { kind: 'parked' | null; until: number } | undefined
  const changed = (): void => {
    for (const l of listeners) l()
  }

  function track(session: CallSession, pickup: PhoneCall['pickup'] = null): Tracked {
    const t: Tracked = { session, held: false, muted: false, answeredAt: null, pickup }
    tracked.set(session.callId, t)
    session.on('answered', () => {
      t.answeredAt = now()
      void applyDevices(session)
      changed()
    })
    session.on('disposed', () => {
      tracked.delete(session.callId)
      changed()
    })
    session.on('failed', () => {
      tracked.delete(session.callId)
      changed()
    })
    changed()
    return t
  }

  async function applyDevices(session: CallSession): Promise<void> {
    try {
      if (devices.input) await session.changeInputDevice(devices.input)
      if (devices.output) await session.changeOutputDevice(devices.output)
    } catch {
      // A device unplugged since it was chosen: the call keeps the system default.
    }
  }

  function onInbound(session: InboundCallSession): void {
    const armed = autoAnswer !== undefined && autoAnswer.until >= now()
    const auto = armed && header(session, 'Alert-Info') === 'Auto Answer'
    const t = track(session, auto ? (autoAnswer?.kind ?? null) : null)
    if (!auto) return
    autoAnswer = undefined
    // The call the agent asked for (a REST pickup or answer to this computer): it rings nothing.
    void session.answer().then(() => {
      t.answeredAt ??= now()
      changed()
    })
  }

  registrar.onPhone((phone) => {
    phone.on('inboundCall', (s: InboundCallSession) => onInbound(s))
    changed()
  })
  registrar.onState(changed)
  registrar.onLost(() => {
    // Calls on the closed socket are gone with it; RingCentral's events say where they went.
    tracked.clear()
    changed()
  })

  const find = (callId: string): Tracked | undefined => tracked.get(callId)

  return {
    start(setup, choice) {
      devices = choice
      const sip = setup.provision.sipInfo[0]!
      registrar.start({
        sipInfo: {
          authorizationId: sip.authorizationId,
          domain: sip.domain,
          outboundProxy: sip.outboundProxy,
          outboundProxyBackup: sip.outboundProxyBackup ?? sip.outboundProxy,
          username: sip.username,
          password: sip.password,
          stunServers: sip.stunServers ?? []
        },
        instanceId: setup.instanceId,
        autoAnswer: false,
        debug: false
      })
    },
    stop: () => {
      tracked.clear()
      registrar.stop()
    },
    restart: (reason) => registrar.restart(reason),
    registration: () => registrar.state,
    calls: () => [...tracked.values()].map(describeCall),
    onChange: (l) => void listeners.push(l),
    async answer(callId) {
      const t = find(callId)
      if (t?.session.direction === 'inbound') await (t.session as InboundCallSession).answer()
    },
    async decline(callId) {
      const t = find(callId)
      if (t?.session.direction !== 'inbound') return
      // The library waits for the server's CANCEL; the pane must not wait for ever.
      await Promise.race([
        (t.session as InboundCallSession).decline(),
        new Promise((r) => setTimeout(r, 5_000))
      ])
    },
    async hangup(callId) {
      await find(callId)?.session.hangup()
    },
    async hold(callId) {
      const t = find(callId)
      if (!t) return
      await t.session.hold()
      t.held = true
      changed()
    },
    async unhold(callId) {
      const t = find(callId)
      if (!t) return
      await t.session.unhold()
      t.held = false
      changed()
    },
    mute(callId, muted) {
      const t = find(callId)
      if (!t) return
      if (muted) t.session.mute()
      else t.session.unmute()
      t.muted = muted
      changed()
    },
    pickUp: (plan) => pickUpWith(registrar, plan, track),
    expectAutoAnswer(kind, ms = 20_000) {
      autoAnswer = { kind, until: now() + ms }
    },
    setDevices(next) {
      devices = next
      for (const t of tracked.values())
        if (t.session.state === 'answered') void applyDevices(t.session)
    }
  }
}

/**
 * The pickup INVITE. `call()` is not awaited for the outcome: a session that never gets an answer
 * would keep it pending for ever, so the outcome comes from the session's own events, the socket's
 * loss, or a deadline, whichever is first.
 */
function pickUpWith(
  registrar: Registrar,
  plan: SipPickupPlan,
  track: (s: CallSession, pickup: PhoneCall['pickup']) => Tracked
): Promise<PickupResult> {
  const phone = registrar.phone
  if (phone === undefined || registrar.state.status !== 'registered')
    return Promise.resolve(pickupFailure('no-phone'))
  return new Promise<PickupResult>((resolve) => {
    let done = false
    const finish = (r: PickupResult): void => {
      if (done) return
      done = true
      clearTimeout(deadline)
      unwatch()
      resolve(r)
    }
    const deadline = setTimeout(() => finish(pickupFailure('timeout')), 15_000)
    const unwatch = registrar.onLost(() => finish(pickupFailure('lost')))
    phone.once('outboundCall', (session: CallSession) => {
      track(session, plan.kind)
      session.once('answered', () => finish({ ok: true, callId: session.callId }))
      session.once('failed', (subject: string) => finish(pickupFailure('refused', subject)))
    })
    phone
      .call(plan.target, undefined, { headers: { ...plan.headers } })
      .catch((e: unknown) => finish(pickupFailure('refused', String(e))))
  })
}
