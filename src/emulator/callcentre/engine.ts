/**
 * The call centre engine: deterministic and pure apart from the injected clock. State lives in the
 * Store; flows (flows-*.ts) change it; every command returns the changes it made and hands them to
 * the listeners (the projection publishes them). Same seed + same commands + same clock readings ⇒
 * the same changes, ids and SIP tags.
 */
import type { Cast, CastExtension } from './cast'
import { badParameter, isEngineError, notFound } from './errors'
import { completeConsult, consult, transfer, type TransferTarget } from './flows-transfer'
import { hold, park, pickup, unhold } from './flows-control'
import { bridge, flip, forward, ignore, reject, updateParty, type PartyUpdate } from './flows-party'
import { abandonPickup, connectPhone, takeOver, type TakeOverInput } from './flows-sip'
import {
  answer,
  direct,
  drop,
  endRest,
  freeAgents,
  inbound,
  miss,
  type InboundInput
} from './flows-ring'
import type {
  Change,
  EngineError,
  Outcome,
  Party,
  PresenceSnapshot,
  Session,
  SipDialog
} from './model'
import { isLive } from './model'
import type { PresenceSettings } from './presence'
import { createRng } from './random'
import type { Variety } from './variety'
import { Store } from './store'
import { createListenerSet, type ListenerSet } from '../../shared/util/listeners'

export interface EngineOptions {
  readonly seed?: number | string
  /** Milliseconds since the epoch; tests pass a fake clock. */
  readonly now?: () => number
  /**
   * Where a change listener's error goes. The changes are committed by then: a broken listener
   * must not keep the others (the gateway's publisher) from hearing of them, nor turn a command
   * that succeeded into a thrown error.
   */
  readonly onListenerError?: (error: unknown) => void
  /** The seeded oddities of real bodies (variety.ts); none unless given. */
  readonly variety?: Variety
}

export type ChangeListener = (changes: ReadonlyArray<Change>) => void
export type PresencePatch = Partial<Omit<PresenceSettings, 'message'>> & {
  readonly message?: string
}

/**
 * Longest monitored-lines or favorites list accepted. Generous on purpose: the board is measured
 * with 1,000 lines (npm run bench:ui), and a real account's own limit is enforced by RingCentral,
 * which the app reports like any other refused update.
 */
const MAX_LINES = 2_000

export class Engine {
  private readonly store: Store
  private readonly listeners: ListenerSet<Parameters<ChangeListener>>
  private readonly lineSets = new Map<string, ReadonlySet<string>>()
  private readonly favoriteSets = new Map<string, ReadonlySet<string>>()

  constructor(
    readonly cast: Cast,
    options: EngineOptions = {}
  ) {
    this.listeners = createListenerSet(options.onListenerError)
    const now = options.now ?? ((): number => Date.now())
    this.store = new Store(
      cast,
      createRng(`engine:${String(options.seed ?? cast.seed)}`),
      now,
      options.variety
    )
    for (const [id, list] of this.store.lines) this.lineSets.set(id, new Set(list))
    for (const [id, list] of this.store.favorites) this.favoriteSets.set(id, new Set(list))
  }

  onChanges(listener: ChangeListener): () => void {
    return this.listeners.add(listener)
  }

  private run<T>(command: (store: Store) => T | EngineError): Outcome<T> {
    const result = command(this.store)
    const changes = this.store.commit()
    if (changes.length > 0) this.listeners.emit(changes)
    if (isEngineError(result)) return { ok: false, error: result }
    return { ok: true, value: result, changes }
  }

  // ── commands ──────────────────────────────────────────────────────────────────────────────
  inboundCall(input: InboundInput): Outcome<Session> {
    return this.run((s) => inbound(s, input))
  }
  directCall(fromExtensionId: string, toExtensionId: string): Outcome<Session> {
    return this.run((s) => direct(s, fromExtensionId, toExtensionId))
  }
  answer(partyId: string, deviceId?: string): Outcome<Party> {
    return this.run((s) => answer(s, partyId, deviceId))
  }
  hold(partyId: string): Outcome<Party> {
    return this.run((s) => hold(s, partyId))
  }
  unhold(partyId: string): Outcome<Party> {
    return this.run((s) => unhold(s, partyId))
  }
  park(partyId: string, orbit?: string): Outcome<Party> {
    return this.run((s) => park(s, partyId, orbit))
  }
  /** `ringFirst`: the new leg rings the picker's phone, and the call moves when it answers. */
  pickup(
    partyId: string,
    extensionId: string,
    deviceId?: string,
    ringFirst = false
  ): Outcome<Party> {
    return this.run((s) => pickup(s, partyId, extensionId, deviceId, ringFirst))
  }
  /** A `ringFirst` pickup whose phone did not answer: the call stays parked. */
  abandonPickup(partyId: string): Outcome<Party> {
    return this.run((s) => abandonPickup(s, partyId))
  }
  transfer(partyId: string, target: TransferTarget): Outcome<Party> {
    return this.run((s) => transfer(s, partyId, target))
  }
  consult(partyId: string, extensionId: string): Outcome<Party> {
    return this.run((s) => consult(s, partyId, extensionId))
  }
  completeConsult(consultSessionId: string): Outcome<Party> {
    return this.run((s) => completeConsult(s, consultSessionId))
  }
  /** A phone answered the INVITE for this leg with `dialog` (the SIP side). */
  connectPhone(partyId: string, deviceId: string, dialog: SipDialog): Outcome<Party> {
    return this.run((s) => connectPhone(s, partyId, deviceId, dialog))
  }
  /** A phone's INVITE with Replaces took this held or ringing leg over (the SIP side). */
  takeOver(partyId: string, input: TakeOverInput): Outcome<Party> {
    return this.run((s) => takeOver(s, partyId, input))
  }
  /** Ring timeout: the ringing legs miss the call and it goes to voicemail. */
  miss(telephonySessionId: string): Outcome<Party> {
    return this.run((s) => miss(s, telephonySessionId))
  }
  /** `PATCH …/parties/{id}`: mute or stand-alone. */
  updateParty(partyId: string, patch: PartyUpdate): Outcome<Party> {
    return this.run((s) => updateParty(s, partyId, patch))
  }
  forward(partyId: string, target: Exclude<TransferTarget, { kind: 'park' }>): Outcome<Party> {
    return this.run((s) => forward(s, partyId, target))
  }
  reject(partyId: string): Outcome<Party> {
    return this.run((s) => reject(s, partyId))
  }
  ignore(partyId: string): Outcome<Party> {
    return this.run((s) => ignore(s, partyId))
  }
  flip(partyId: string, callFlipId: string): Outcome<Party> {
    return this.run((s) => flip(s, partyId, callFlipId))
  }
  bridge(
    partyId: string,
    target: { readonly telephonySessionId: string; readonly partyId: string }
  ): Outcome<Party> {
    return this.run((s) => bridge(s, partyId, target))
  }
  /** One leg hangs up (`DELETE …/parties/{id}`). */
  drop(partyId: string): Outcome<Party> {
    return this.run((s) => drop(s, partyId))
  }
  /** The whole call ends (`DELETE …/sessions/{id}`, or the caller hanging up). */
  endSession(telephonySessionId: string, callerHungUp = false): Outcome<Session> {
    return this.run((s) => {
      const session = s.sessions.get(telephonySessionId)
      if (session === undefined) return notFound('telephonySessionId', telephonySessionId)
      endRest(s, telephonySessionId, callerHungUp)
      return s.sessions.get(telephonySessionId) ?? session
    })
  }

  setPresence(extensionId: string, patch: PresencePatch): Outcome<PresenceSnapshot> {
    const out = this.run((s) => {
      const current = s.settings.get(extensionId)
      if (current === undefined) return notFound('extensionId', extensionId)
      const { message, ...rest } = patch
      const next: PresenceSettings = { ...current, ...rest }
      s.settings.set(
        extensionId,
        message === undefined ? next : message === '' ? withoutMessage(next) : { ...next, message }
      )
      s.markDirty(extensionId)
      return true
    })
    // The snapshot is derived at commit, so it is read after the command ran.
    return out.ok ? { ...out, value: this.store.presence.get(extensionId)! } : out
  }

  setLines(extensionId: string, ids: ReadonlyArray<string>): Outcome<ReadonlyArray<string>> {
    return this.run((s) => {
      const list = this.checkList(extensionId, ids, ['User', 'ParkLocation'], 'lines')
      if (isEngineError(list)) return list
      s.lines.set(extensionId, list)
      this.lineSets.set(extensionId, new Set(list))
      const sequence = (s.lineSequence.get(extensionId) ?? 0) + 1
      s.lineSequence.set(extensionId, sequence)
      s.record({ kind: 'line-list', at: s.now(), extensionId, lines: list, sequence })
      return list
    })
  }

  setFavorites(extensionId: string, ids: ReadonlyArray<string>): Outcome<ReadonlyArray<string>> {
    return this.run((s) => {
      const list = this.checkList(extensionId, ids, ['User', 'ParkLocation'], 'favorites')
      if (isEngineError(list)) return list
      s.favorites.set(extensionId, list)
      this.favoriteSets.set(extensionId, new Set(list))
      s.record({ kind: 'favorites', at: s.now(), extensionId, favorites: list })
      return list
    })
  }

  private checkList(
    owner: string,
    ids: ReadonlyArray<string>,
    types: ReadonlyArray<string>,
    param: string
  ): string[] | EngineError {
    if (this.cast.findExtension(owner) === undefined) return notFound('extensionId', owner)
    if (ids.length > MAX_LINES) return badParameter(param, `at most ${MAX_LINES} entries`)
    const out: string[] = []
    for (const id of ids) {
      const ext = this.cast.findExtension(id)
      if (ext === undefined) return notFound('extensionId', id)
      if (id === owner) return badParameter(param, 'an extension cannot list itself')
      if (!types.includes(ext.type)) return badParameter(param, `${ext.name} is a ${ext.type}`)
      if (!out.includes(id)) out.push(id)
    }
    return out
  }

  // ── queries ───────────────────────────────────────────────────────────────────────────────
  now(): number {
    return this.store.now()
  }
  session(telephonySessionId: string): Session | undefined {
    return this.store.sessions.get(telephonySessionId)
  }
  /** The session with this legacy `sessionId` (what an `inbound-pickup` INVITE names), ended or not. */
  sessionByLegacyId(sessionId: string): Session | undefined {
    for (const s of this.store.sessions.values()) if (s.sessionId === sessionId) return s
    return undefined
  }
  parties(telephonySessionId: string): Party[] {
    return this.store.partiesOf(telephonySessionId)
  }
  party(partyId: string): Party | undefined {
    return this.store.parties.get(partyId)
  }
  activeSessions(): Session[] {
    return [...this.store.sessions.values()].filter((s) => !s.ended)
  }
  presence(extensionId: string): PresenceSnapshot | undefined {
    return this.store.presence.get(extensionId)
  }
  presenceAll(): PresenceSnapshot[] {
    return [...this.store.presence.values()]
  }
  settings(extensionId: string): PresenceSettings | undefined {
    return this.store.settings.get(extensionId)
  }
  lines(extensionId: string): ReadonlyArray<string> {
    return this.store.lines.get(extensionId) ?? []
  }
  /**
   * `extensionId`'s monitored lines that are users' extensions, in order: the lines a call can
   * ring (a park location or a queue in the list is not a phone).
   */
  userLines(extensionId: string): string[] {
    return this.lines(extensionId).filter((id) => this.cast.findExtension(id)?.type === 'User')
  }
  favorites(extensionId: string): ReadonlyArray<string> {
    return this.store.favorites.get(extensionId) ?? []
  }
  lineSequence(extensionId: string): number {
    return this.store.lineSequence.get(extensionId) ?? 0
  }
  monitors(owner: string, extensionId: string): boolean {
    return this.lineSets.get(owner)?.has(extensionId) ?? false
  }
  isFavorite(owner: string, extensionId: string): boolean {
    return this.favoriteSets.get(owner)?.has(extensionId) ?? false
  }
  /** Agents a queue call may ring now: available, taking queue calls, not on a call. */
  freeAgents(): CastExtension[] {
    return freeAgents(this.store)
  }
  /** The SIP dialog of a leg (stable for the leg's life). */
  dialog(partyId: string): SipDialog | undefined {
    return this.store.parties.get(partyId)?.dialog
  }
  /** The leg a SIP dialog belongs to: by Call-ID, or by its two tags. */
  findLeg(query: { callId?: string; fromTag?: string; toTag?: string }): Party | undefined {
    if (query.callId !== undefined) return this.store.legByCallId(query.callId)
    for (const [callId] of this.store.dialogs()) {
      const leg = this.store.legByCallId(callId)
      if (leg?.dialog.fromTag === query.fromTag && leg?.dialog.toTag === query.toTag) return leg
    }
    return undefined
  }
  /**
   * The leg an action by the scenario or the control API applies to: the live leg of
   * `extensionId` and/or in status `code`; with neither, the current one (currentLeg).
   */
  legFor(
    telephonySessionId: string,
    extensionId?: string,
    code?: Party['status']['code']
  ): Party | undefined {
    if (extensionId === undefined && code === undefined) return this.currentLeg(telephonySessionId)
    return this.parties(telephonySessionId).find(
      (p) =>
        isLive(p) &&
        (extensionId === undefined || p.extensionId === extensionId) &&
        (code === undefined || p.status.code === code)
    )
  }
  /** The user leg that "has" the call now: talking, held or parked; else one still ringing. */
  currentLeg(telephonySessionId: string): Party | undefined {
    const legs = this.parties(telephonySessionId).filter((p) => p.role === 'agent' && isLive(p))
    const rank = (p: Party): number =>
      p.status.code === 'Answered' || p.status.code === 'Hold' || p.status.code === 'Parked' ? 1 : 0
    return legs.sort((a, b) => rank(b) - rank(a))[0]
  }
}

function withoutMessage(s: PresenceSettings): PresenceSettings {
  const { message: _message, ...rest } = s
  return rest
}
