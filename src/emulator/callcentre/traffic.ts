/**
 * Random but seeded call-centre traffic: queue calls ringing a few free agents, answers, holds,
 * parks and pickups, transfers, missed calls into voicemail, direct calls between colleagues,
 * agents going busy or DND. It opens with calls on the demo agent's monitored lines, so a fresh
 * subscriber sees a ringing line, a held call and a parked call within about two seconds.
 * Every step re-checks the call (the app may have taken it over REST meanwhile); a refused step
 * just ends that story, and a reaper ends calls nobody is driving any more.
 *
 * The simulated colleagues never act for the signed-in demo agent: a queue call may ring the
 * agent's line (it is OFFERED), but only a colleague answers it, transfers and consults go to
 * colleagues, a parked call is picked up by a colleague, and a story stops at once when the leg
 * it would act on is the agent's (docs/emulator.md#traffic-never-acts-for-the-agent).
 */
import { CALLER_NAMES } from './names'
import type { Engine } from './engine'
import { createRng, type Rng } from './random'
import type { Scheduler } from './scheduler'

type Story = 'hold' | 'park' | 'transfer' | 'consult' | 'plain'

interface Plan {
  readonly ring?: ReadonlyArray<string>
  /** Seconds of ringing before someone answers. */
  readonly ringFor?: readonly [number, number]
  readonly answerBy?: string
  readonly story?: Story
  /** Seconds from answer to the story's first action. */
  readonly firstAction?: readonly [number, number]
}

/** Calls older than this (virtual) are ended by the reaper. */
const MAX_CALL_MS = 5 * 60_000

export class Traffic {
  private readonly rng: Rng
  private active = false
  /** Bumped by every start/stop, so steps scheduled by an earlier run never fire into a new one. */
  private generation = 0
  /** Sessions owned by a scenario: the reaper leaves them alone. */
  readonly protectedSessions = new Set<string>()
  private readonly born = new Map<string, number>()

  constructor(
    private readonly engine: Engine,
    private readonly scheduler: Scheduler,
    seed: number | string,
    private readonly demoExtensionId: string
  ) {
    this.rng = createRng(`traffic:${String(seed)}`)
  }

  start(opening = true): void {
    if (this.active) return
    this.active = true
    this.generation++
    if (opening) this.opening()
    this.later([2, 5], () => this.arrival())
    this.later([30, 30], () => this.reap())
  }

  stop(): void {
    this.active = false
    this.generation++
  }

  get running(): boolean {
    return this.active
  }

  private later(range: readonly [number, number], run: () => void): void {
    const [min, max] = range
    const ms = Math.round((min + this.rng.next() * (max - min)) * 1000)
    const generation = this.generation
    this.scheduler.after(ms, () => {
      if (this.active && generation === this.generation) run()
    })
  }

  private opening(): void {
    const lines = this.engine.userLines(this.demoExtensionId)
    const [a, b, c, d, e, f] = lines
    if (a !== undefined && b !== undefined) {
      this.later([0.3, 0.3], () =>
        this.queueCall({
          ring: [a, b],
          ringFor: [0.6, 0.6],
          answerBy: a,
          story: 'hold',
          firstAction: [0.6, 0.6]
        })
      )
    }
    if (c !== undefined && d !== undefined) {
      this.later([0.6, 0.6], () =>
        this.queueCall({
          ring: [c, d],
          ringFor: [0.5, 0.5],
          answerBy: c,
          story: 'park',
          firstAction: [0.7, 0.7]
        })
      )
    }
    if (e !== undefined) {
      this.later([1.2, 1.2], () =>
        this.queueCall({ ring: f === undefined ? [e] : [e, f], ringFor: [10, 15] })
      )
    }
  }

  private arrival(): void {
    if (this.rng.chance(0.2)) this.directCall()
    else this.queueCall({})
    if (this.rng.chance(0.2)) this.presenceFlip()
    this.later([6, 14], () => this.arrival())
  }

  private caller(): { name: string; phoneNumber: string } {
    return {
      name: this.rng.pick(CALLER_NAMES),
      phoneNumber: `+1415555${String(this.rng.int(100, 199)).padStart(4, '0')}`
    }
  }

  /** Free colleagues: the agents the simulation may act as (never the signed-in agent). */
  private freeIds(): string[] {
    return this.offerable().filter((id) => id !== this.demoExtensionId)
  }

  /** Everyone a queue call may ring, the signed-in agent included. */
  private offerable(): string[] {
    return this.engine.freeAgents().map((a) => a.id)
  }

  /** A leg the simulation may act on: it exists and is not the signed-in agent's. */
  private colleagueLeg(partyId: string | undefined): string | undefined {
    if (partyId === undefined) return undefined
    return this.engine.party(partyId)?.extensionId === this.demoExtensionId ? undefined : partyId
  }

  private queueCall(plan: Plan): void {
    const ring = plan.ring ?? this.rng.shuffle(this.offerable()).slice(0, this.rng.int(2, 4))
    const out = this.engine.inboundCall({ caller: this.caller(), ring })
    if (!out.ok) return
    const sid = out.value.telephonySessionId
    this.born.set(sid, this.scheduler.now())
    if (ring.length === 0 || (plan.answerBy === undefined && this.rng.chance(0.12))) {
      this.later([15, 20], () => this.voicemail(sid))
      return
    }
    this.later(plan.ringFor ?? [3, 10], () => {
      // Only a colleague answers; a call offered to the agent alone rings on into voicemail.
      const ringing = this.engine
        .parties(sid)
        .filter(
          (p) =>
            p.role === 'agent' &&
            p.direction === 'Inbound' &&
            p.status.code === 'Proceeding' &&
            p.extensionId !== this.demoExtensionId
        )
      const leg = ringing.find((p) => p.extensionId === plan.answerBy) ?? ringing[0]
      if (leg === undefined) return this.later([10, 15], () => this.voicemailIfRinging(sid))
      if (!this.engine.answer(leg.id).ok) return
      this.talk(sid, plan.story ?? this.pickStory(), plan.firstAction ?? [5, 20])
    })
  }

  private pickStory(): Story {
    const r = this.rng.next()
    return r < 0.3
      ? 'hold'
      : r < 0.45
        ? 'park'
        : r < 0.55
          ? 'transfer'
          : r < 0.6
            ? 'consult'
            : 'plain'
  }

  private talk(sid: string, story: Story, first: readonly [number, number]): void {
    const leg = (): string | undefined => this.colleagueLeg(this.engine.currentLeg(sid)?.id)
    switch (story) {
      case 'hold':
        return this.later(first, () => {
          const id = leg()
          if (id === undefined || !this.engine.hold(id).ok) return
          this.later([20, 40], () => {
            if (this.engine.unhold(id).ok) this.later([15, 60], () => this.hangup(sid))
          })
        })
      case 'park':
        return this.later(first, () => {
          const id = leg()
          if (id === undefined || !this.engine.park(id).ok) return
          this.later([25, 50], () => this.unpark(id))
        })
      case 'transfer':
        return this.later(first, () => {
          const id = leg()
          const to = this.rng.shuffle(this.freeIds()).at(0)
          if (id === undefined || to === undefined) return this.hangup(sid)
          const out = this.engine.transfer(id, { kind: 'extension', extensionId: to })
          if (!out.ok) return this.hangup(sid)
          this.later([3, 8], () => {
            if (this.engine.answer(out.value.id).ok) this.talk(sid, 'plain', [0, 0])
            else this.voicemail(sid)
          })
        })
      case 'consult':
        return this.later(first, () => this.consult(sid))
      case 'plain':
        return this.later([20, 90], () => this.hangup(sid))
    }
  }

  private consult(sid: string): void {
    const id = this.colleagueLeg(this.engine.currentLeg(sid)?.id)
    const to = this.rng.shuffle(this.freeIds()).at(0)
    if (id === undefined || to === undefined) return this.hangup(sid)
    const out = this.engine.consult(id, to)
    if (!out.ok) return this.hangup(sid)
    const consultSid = out.value.telephonySessionId
    this.later([3, 6], () => {
      if (!this.engine.answer(out.value.id).ok) return this.hangup(sid)
      this.later([5, 15], () => {
        if (this.engine.completeConsult(consultSid).ok) this.talk(sid, 'plain', [0, 0])
        else this.hangup(sid)
      })
    })
  }

  /** A colleague picks the parked call up; now and then the caller gives up first. */
  private unpark(partyId: string): void {
    const free = this.freeIds()
    if (free.length === 0) return this.later([10, 20], () => this.unpark(partyId))
    const by = this.rng.pick(free)
    if (this.rng.chance(0.15)) {
      const p = this.engine.party(partyId)
      if (p?.status.code === 'Parked') this.engine.endSession(p.telephonySessionId, true)
      return
    }
    const out = this.engine.pickup(partyId, by)
    if (!out.ok) return
    const sid = out.value.telephonySessionId
    this.born.set(sid, this.scheduler.now())
    this.later([15, 60], () => this.hangup(sid))
  }

  /** Voicemail for a call still ringing (nobody, not even the agent, answered meanwhile). */
  private voicemailIfRinging(sid: string): void {
    const parties = this.engine.parties(sid)
    if (parties.some((p) => p.status.code === 'Proceeding' && p.role === 'agent'))
      this.voicemail(sid)
  }

  private voicemail(sid: string): void {
    this.engine.miss(sid)
    this.later([10, 25], () => this.engine.endSession(sid, true))
  }

  /** Either side hangs up; a call the agent has taken is the agent's to end. */
  private hangup(sid: string): void {
    const leg = this.engine.currentLeg(sid)
    if (leg?.extensionId === this.demoExtensionId) return
    if (leg !== undefined && this.rng.chance(0.5)) this.engine.drop(leg.id)
    else this.engine.endSession(sid, true)
  }

  private directCall(): void {
    const [a, b] = this.rng.shuffle(this.freeIds())
    if (a === undefined || b === undefined) return
    const out = this.engine.directCall(a, b)
    if (!out.ok) return
    const sid = out.value.telephonySessionId
    this.born.set(sid, this.scheduler.now())
    this.later([2, 6], () => {
      const callee = this.engine.parties(sid).find((p) => p.direction === 'Inbound')
      if (callee === undefined) return
      if (this.rng.chance(0.8) && this.engine.answer(callee.id).ok) this.talk(sid, 'plain', [0, 0])
      else this.voicemail(sid)
    })
  }

  private presenceFlip(): void {
    const agent = this.rng.pick(this.engine.cast.agents)
    if (agent.id === this.demoExtensionId) return
    const s = this.engine.settings(agent.id)
    if (s === undefined) return
    const roll = this.rng.next()
    if (roll < 0.5) {
      this.engine.setPresence(agent.id, {
        userStatus: s.userStatus === 'Available' ? 'Busy' : 'Available'
      })
    } else {
      const dnd = s.dndStatus === 'TakeAllCalls' ? 'DoNotAcceptDepartmentCalls' : 'TakeAllCalls'
      this.engine.setPresence(agent.id, { dndStatus: dnd })
    }
  }

  /** Ends calls nobody drives any more (taken over REST, stories cut short). */
  private reap(): void {
    const now = this.scheduler.now()
    for (const s of this.engine.activeSessions()) {
      if (this.protectedSessions.has(s.telephonySessionId)) continue
      const born = this.born.get(s.telephonySessionId)
      if (born === undefined) this.born.set(s.telephonySessionId, now)
      else if (now - born > MAX_CALL_MS) this.engine.endSession(s.telephonySessionId, true)
    }
    for (const [sid] of this.born)
      if (this.engine.session(sid)?.ended !== false) this.born.delete(sid)
    this.later([30, 30], () => this.reap())
  }
}
