/**
 * The B2BUA: the emulator's dialogs with registered phones, kept in step with the engine. Engine
 * changes come in through `onChanges` and are reconciled after the command that made them (never
 * inside it): a leg ringing on a registered WebPhone device gets an INVITE, a leg the platform
 * connected to it without the phone knowing (REST answer, parked pickup) gets an INVITE with
 * `Alert-Info: Auto Answer`, a leg that stops ringing gets CANCEL and a leg that ends gets BYE.
 * What the phone sends goes to ring.ts (answers to our INVITEs), pickup.ts (INVITE with Replaces)
 * and in-dialog.ts.
 */
import type { Engine } from '../callcentre/engine'
import { wrongState } from '../callcentre/errors'
import type { Outcome, Party } from '../callcentre/model'
import { isLive } from '../callcentre/model'
import type { SipAccounts } from './accounts'
import type { NonceBook } from './digest'
import type { PhoneDialog } from './dialogs'
import { handleInDialog } from './in-dialog'
import type { Media } from './media'
import { cseqOf, header, responseTo, type SipMessage, type SipRequest } from './message'
import { handleNewInvite } from './pickup'
import type { Binding, Registrar } from './registrar'
import { cancelInvite, onInviteResponse, ring, sendBye } from './ring'
import type { SipConnection } from './transport'

export interface CallsDeps {
  readonly engine: Engine
  readonly accounts: SipAccounts
  readonly registrar: Registrar
  readonly nonces: NonceBook
  readonly media: Media
  readonly log: (event: string, detail: Record<string, unknown>) => void
  /** `SIP/2.0/WSS 127.0.0.1:PORT`, the Via of requests we send. */
  readonly via: string
  /** Our Contact (`<sip:127.0.0.1:PORT;transport=wss>`). */
  readonly contact: string
}

/** How long a REST answer to the phone waits for the phone's 200. */
const ANSWER_TIMEOUT_MS = 10_000

type Waiter = (outcome: Outcome<Party>) => void

export class Calls {
  private readonly waiters = new Map<string, Waiter>()
  private readonly byCallId = new Map<string, PhoneDialog>()
  private readonly byParty = new Map<string, PhoneDialog>()
  private readonly pending = new Set<string>()
  private readonly unsubscribe: () => void
  private closed = false

  constructor(readonly deps: CallsDeps) {
    this.unsubscribe = deps.engine.onChanges((changes) => {
      const first = this.pending.size === 0
      for (const c of changes) if (c.kind === 'party') this.pending.add(c.party.id)
      if (first && this.pending.size > 0) queueMicrotask(() => this.flush())
    })
  }

  dialogs(): PhoneDialog[] {
    return [...this.byCallId.values()]
  }

  dialogOfParty(partyId: string): PhoneDialog | undefined {
    return this.byParty.get(partyId)
  }

  track(d: PhoneDialog): void {
    this.byCallId.set(d.callId, d)
    this.byParty.set(d.partyId, d)
  }

  /**
   * REST `answer` to this phone: CANCEL the ringing INVITE, send one with `Alert-Info: Auto
   * Answer`, and settle when the phone answers (the leg stays `Proceeding` until then), refuses,
   * or stays silent for 10 s. Undefined when `deviceId` is not the party's registered phone.
   */
  answerOnPhone(partyId: string, deviceId: string): Promise<Outcome<Party>> | undefined {
    const party = this.deps.engine.party(partyId)
    if (party?.extensionId === undefined || this.closed) return undefined
    const binding = this.deps.registrar.route(party.extensionId)
    if (binding === undefined || binding.deviceId !== deviceId) return undefined
    const existing = this.byParty.get(partyId)
    if (existing !== undefined) this.hangUp(existing)
    return this.waitForPhone(party, binding, () => undefined)
  }

  /**
   * REST parked `pickup` to this phone: the new leg rings it with Auto Answer and the call moves
   * when it answers; on refusal or 10 s of silence the ringing session ends and the call stays
   * parked.
   */
  pickupOnPhone(
    partyId: string,
    extensionId: string,
    deviceId: string
  ): Promise<Outcome<Party>> | undefined {
    const binding = this.closed ? undefined : this.deps.registrar.route(extensionId)
    if (binding === undefined || binding.deviceId !== deviceId) return undefined
    const out = this.deps.engine.pickup(partyId, extensionId, deviceId, true)
    if (!out.ok) return Promise.resolve(out)
    const leg = out.value
    return this.waitForPhone(leg, binding, () => void this.deps.engine.abandonPickup(leg.id))
  }

  private waitForPhone(party: Party, binding: Binding, undo: () => void): Promise<Outcome<Party>> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const d = this.byParty.get(party.id)
        if (d !== undefined) this.hangUp(d)
        const error = wrongState('Cannot answer: the phone did not answer')
        this.settle(party.id, { ok: false, error })
      }, ANSWER_TIMEOUT_MS)
      this.waiters.set(party.id, (outcome) => {
        clearTimeout(timer)
        if (!outcome.ok) undo()
        resolve(outcome)
      })
      // Tracked synchronously, before the reconcile of this command's changes runs.
      void ring(this, party, binding, true)
    })
  }

  /** Settles a REST answer waiting on this leg, once. */
  settle(partyId: string, outcome: Outcome<Party>): void {
    const waiter = this.waiters.get(partyId)
    this.waiters.delete(partyId)
    waiter?.(outcome)
  }

  /** Forgets a dialog and closes its media; the caller has sent (or needs) no more messages. */
  forget(d: PhoneDialog): void {
    if (d.autoAnswer && d.state !== 'confirmed') {
      this.settle(d.partyId, {
        ok: false,
        error: wrongState('Cannot answer: the call left the phone')
      })
    }
    d.state = 'ended'
    d.peer?.close()
    d.peer = undefined
    if (this.byCallId.get(d.callId) === d) this.byCallId.delete(d.callId)
    if (this.byParty.get(d.partyId) === d) this.byParty.delete(d.partyId)
  }

  /** The socket that reaches the dialog's phone now (it may have re-registered on a new one). */
  connectionOf(d: PhoneDialog): SipConnection {
    return this.deps.registrar.route(d.extensionId)?.connection ?? d.connection
  }

  send(d: PhoneDialog, m: SipMessage): void {
    this.connectionOf(d).send(m)
  }

  handle(connection: SipConnection, m: SipMessage): void {
    if (this.closed) return
    const callId = header(m, 'Call-Id') ?? ''
    const d = this.byCallId.get(callId)
    if (m.kind === 'response') {
      if (d !== undefined && cseqOf(m)?.method === 'INVITE' && d.initiator === 'platform') {
        onInviteResponse(this, d, m)
      }
      return
    }
    if (m.method === 'INVITE' && d === undefined) {
      void handleNewInvite(this, connection, m).catch((e: unknown) =>
        this.crashed(connection, m, e)
      )
      return
    }
    if (m.method === 'OPTIONS') return void connection.send(responseTo(m, 200))
    if (m.method === 'MESSAGE' && d === undefined) return void connection.send(responseTo(m, 200))
    if (m.method === 'ACK' && d === undefined) return
    if (d === undefined) return void connection.send(responseTo(m, 481))
    handleInDialog(this, d, connection, m)
  }

  private crashed(connection: SipConnection, m: SipRequest, e: unknown): void {
    this.deps.log('sip.crash', { method: m.method, error: String(e) })
    connection.send(responseTo(m, 500))
  }

  private flush(): void {
    const ids = [...this.pending]
    this.pending.clear()
    if (this.closed) return
    for (const id of ids) {
      const party = this.deps.engine.party(id)
      if (party !== undefined) this.reconcile(party)
    }
  }

  private reconcile(party: Party): void {
    const d = this.byParty.get(party.id)
    if (d !== undefined) {
      if (!isLive(party) || party.status.code === 'Parked') return this.hangUp(d)
      const stillRinging = party.status.code === 'Proceeding' && party.deviceId === d.deviceId
      if (d.state === 'confirmed' || d.autoAnswer || d.initiator === 'phone' || stillRinging) return
      // Connected somewhere else, or to this phone by REST: this INVITE is over.
      this.hangUp(d)
    }
    if (!isLive(party) || party.role !== 'agent' || party.extensionId === undefined) return
    const binding = this.deps.registrar.route(party.extensionId)
    if (binding === undefined || binding.deviceId !== party.deviceId) return
    if (party.status.code === 'Proceeding' && party.direction === 'Inbound') {
      void ring(this, party, binding, false)
    } else if (party.status.code === 'Answered' && this.byParty.get(party.id) === undefined) {
      void ring(this, party, binding, true)
    }
  }

  /** CANCEL an INVITE still ringing, BYE a confirmed dialog; either way it is over. */
  hangUp(d: PhoneDialog): void {
    if (d.state === 'confirmed') sendBye(this, d)
    else if (d.initiator === 'platform') cancelInvite(this, d)
    this.forget(d)
  }

  close(): void {
    this.closed = true
    this.unsubscribe()
    for (const d of [...this.byCallId.values()]) this.forget(d)
    for (const id of [...this.waiters.keys()]) {
      this.settle(id, { ok: false, error: wrongState('Cannot answer: the emulator stopped') })
    }
  }
}
