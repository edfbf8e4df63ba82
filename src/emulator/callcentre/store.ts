/**
 * The engine's mutable state and its one write path. Every party change goes through `update` /
 * `addParty`, which bump the session `sequence`, record a `Change`, keep the indexes (live legs per
 * extension, parked legs, SIP dialogs) and mark presence dirty. `commit` then derives the presence
 * changes, so presence can never disagree with the legs.
 */
import type { Cast } from './cast'
import { newDialog, newSessionIds, partyIdOf } from './ids'
import type { Change, Party, PresenceSnapshot, Session } from './model'
import { isLive } from './model'
import {
  DEFAULT_SETTINGS,
  initialSnapshot,
  nextSnapshot,
  parkedCall,
  remoteEnd,
  userCall,
  type PresenceSettings
} from './presence'
import type { Rng } from './random'
import { NO_VARIETY, type Variety } from './variety'

export type PartyInit = Omit<
  Party,
  'id' | 'telephonySessionId' | 'dialog' | 'startTime' | 'missedCall' | 'queueCall' | 'recordings'
> &
  Partial<Pick<Party, 'missedCall' | 'queueCall' | 'recordings' | 'dialog'>>

export type PartyPatch = Partial<
  Pick<
    Party,
    'status' | 'missedCall' | 'recordings' | 'deviceId' | 'dialog' | 'muted' | 'standAlone'
  >
> & {
  /** `null` clears the park orbit. */
  readonly parkId?: string | null
}

/** Ended sessions kept for GET and for 409s on late actions; older ones are forgotten. */
const ENDED_KEPT = 500

export class Store {
  readonly sessions = new Map<string, Session>()
  readonly parties = new Map<string, Party>()
  readonly settings = new Map<string, PresenceSettings>()
  readonly presence = new Map<string, PresenceSnapshot>()
  readonly lines = new Map<string, ReadonlyArray<string>>()
  readonly favorites = new Map<string, ReadonlyArray<string>>()
  readonly lineSequence = new Map<string, number>()
  private readonly hexOf = new Map<string, string>()
  private readonly liveByExt = new Map<string, Set<string>>()
  private readonly parked = new Set<string>()
  private readonly byCallId = new Map<string, string[]>()
  private readonly ended: string[] = []
  /** A picker's ringing leg → the parked call it will take once the phone answers. */
  readonly pickups = new Map<string, { readonly parkedId: string; readonly callerLegId: string }>()
  /** Consultation session → the held leg it will be transferred from (attended transfer). */
  readonly consults = new Map<string, string>()
  private changes: Change[] = []
  private readonly dirty = new Set<string>()

  constructor(
    readonly cast: Cast,
    readonly rng: Rng,
    readonly now: () => number,
    private readonly variety: Variety = NO_VARIETY
  ) {
    for (const ext of cast.extensions()) {
      if (ext.type === 'Department') continue
      const settings = ext.type === 'User' ? this.initialSettings() : DEFAULT_SETTINGS
      this.settings.set(ext.id, settings)
      this.presence.set(ext.id, initialSnapshot(ext.id, settings, rng.int(120, 4800)))
    }
    for (const [id, list] of cast.lines) this.lines.set(id, list)
    for (const [id, list] of cast.favorites) this.favorites.set(id, list)
  }

  private initialSettings(): PresenceSettings {
    // A real floor is never all green: a few people are busy or refuse queue calls at any time.
    const roll = this.rng.next()
    if (roll < 0.08) return { ...DEFAULT_SETTINGS, dndStatus: 'DoNotAcceptDepartmentCalls' }
    if (roll < 0.14)
      return { ...DEFAULT_SETTINGS, userStatus: 'Busy', message: 'In a team meeting' }
    return DEFAULT_SETTINGS
  }

  /** Takes the changes recorded since the last commit, with the presence changes they caused. */
  commit(): Change[] {
    for (const ext of [...this.dirty].sort()) this.refreshPresence(ext)
    this.dirty.clear()
    const out = this.changes
    this.changes = []
    return out
  }

  record(change: Change): void {
    this.changes.push(change)
  }

  markDirty(extensionId: string): void {
    this.dirty.add(extensionId)
  }

  createSession(): Session {
    const ids = newSessionIds(this.rng)
    const session: Session = {
      telephonySessionId: ids.telephonySessionId,
      sessionId: ids.sessionId,
      serverId: ids.serverId,
      creationTime: this.now(),
      sequence: 0,
      partyIds: [],
      ended: false
    }
    this.hexOf.set(session.telephonySessionId, ids.hex)
    this.sessions.set(session.telephonySessionId, session)
    return session
  }

  /** Creates a leg, with its SIP dialog unless one is carried over (attended transfer). */
  addParty(telephonySessionId: string, init: PartyInit): Party {
    const session = this.sessions.get(telephonySessionId)!
    const id = partyIdOf(this.hexOf.get(telephonySessionId)!, session.partyIds.length + 1)
    const local = this.userOf(init.direction === 'Inbound' ? init.to : init.from, init.extensionId)
    const remote = this.userOf(remoteEnd(init), undefined)
    const party: Party = {
      missedCall: false,
      queueCall: false,
      recordings: [],
      ...init,
      id,
      telephonySessionId,
      dialog: init.dialog ?? newDialog(this.rng, local, remote),
      startTime: this.now()
    }
    this.sessions.set(telephonySessionId, { ...session, partyIds: [...session.partyIds, id] })
    const ids = this.byCallId.get(party.dialog.callId) ?? []
    this.byCallId.set(party.dialog.callId, [...ids, id])
    // Every ringing leg is reported at `Setup` first, as the platform does
    // (docs/platform.md#status-semantics), then moves on to the status it was created for.
    if (party.status.code !== 'Proceeding') {
      this.put(undefined, party)
      return party
    }
    const setup: Party = { ...party, status: { code: 'Setup' } }
    this.put(undefined, setup)
    this.put(setup, party)
    return party
  }

  update(partyId: string, patch: PartyPatch): Party {
    const before = this.parties.get(partyId)!
    const { parkId, ...rest } = patch
    const after: Party = { ...before, ...rest }
    const next: Party =
      parkId === undefined ? after : parkId === null ? withoutPark(after) : { ...after, parkId }
    // A phone's own dialog replaces the placeholder one (docs/emulator.md "SIP side").
    if (next.dialog.callId !== before.dialog.callId) {
      const ids = this.byCallId.get(next.dialog.callId) ?? []
      this.byCallId.set(next.dialog.callId, [...ids, partyId])
    }
    this.put(before, next)
    return next
  }

  private userOf(end: Party['from'], extensionId: string | undefined): string {
    const ext = this.cast.findExtension(extensionId ?? end.extensionId ?? '')
    return end.phoneNumber ?? ext?.phoneNumber ?? ext?.extensionNumber ?? 'anonymous'
  }

  private put(before: Party | undefined, party: Party): void {
    this.parties.set(party.id, party)
    this.index(before, false)
    this.index(party, true)
    for (const p of [before, party]) {
      if (p?.extensionId !== undefined) this.dirty.add(p.extensionId)
      if (p?.status.code === 'Parked') this.dirty.add(this.cast.parkLocation.id)
    }
    const session = this.sessions.get(party.telephonySessionId)!
    const next: Session = { ...session, sequence: session.sequence + 1 }
    const allDone = next.partyIds.every((id) => !isLive(this.parties.get(id)!))
    this.sessions.set(next.telephonySessionId, allDone ? { ...next, ended: true } : next)
    this.record({
      kind: 'party',
      at: this.now(),
      session: {
        telephonySessionId: next.telephonySessionId,
        sessionId: next.sessionId,
        serverId: next.serverId,
        sequence: next.sequence
      },
      party
    })
    if (allDone && !session.ended) this.retire(next.telephonySessionId)
  }

  private index(p: Party | undefined, add: boolean): void {
    if (p === undefined) return
    if (p.extensionId !== undefined) {
      const set = this.liveByExt.get(p.extensionId) ?? new Set<string>()
      this.liveByExt.set(p.extensionId, set)
      if (add && isLive(p)) set.add(p.id)
      else set.delete(p.id)
    }
    if (add && p.status.code === 'Parked') this.parked.add(p.id)
    else this.parked.delete(p.id)
  }

  private retire(telephonySessionId: string): void {
    this.ended.push(telephonySessionId)
    while (this.ended.length > ENDED_KEPT) {
      const old = this.sessions.get(this.ended.shift()!)
      if (old === undefined) continue
      this.sessions.delete(old.telephonySessionId)
      this.hexOf.delete(old.telephonySessionId)
      for (const id of old.partyIds) {
        const p = this.parties.get(id)
        this.parties.delete(id)
        if (p !== undefined) this.byCallId.delete(p.dialog.callId)
      }
    }
  }

  private refreshPresence(extensionId: string): void {
    const previous = this.presence.get(extensionId)
    const settings = this.settings.get(extensionId)
    if (previous === undefined || settings === undefined) return
    const live =
      extensionId === this.cast.parkLocation.id
        ? [...this.parked].map((id) => parkedCall(this.parties.get(id)!, this.cast))
        : [...(this.liveByExt.get(extensionId) ?? [])].map((id) =>
            userCall(this.parties.get(id)!, this.cast)
          )
    const next = nextSnapshot(
      previous,
      settings,
      live.filter((c) => c !== undefined)
    )
    if (next === undefined) return
    const gapped = this.withGap(next)
    this.presence.set(extensionId, gapped)
    this.record({ kind: 'presence', at: this.now(), presence: gapped })
  }

  /**
   * The platform's presence `sequence` is not always dense: a client sees holes it must resync
   * across (docs/platform.md#presence-sequence). The variety's own stream decides, never `rng`.
   */
  private withGap(next: PresenceSnapshot): PresenceSnapshot {
    const key = `${next.extensionId}:${next.sequence}`
    if (!this.variety.applies('sequenceGaps', key)) return next
    return { ...next, sequence: next.sequence + this.variety.int('sequenceGaps', key, 1, 3) }
  }

  /** Parties of a session in creation order. */
  partiesOf(telephonySessionId: string): Party[] {
    const s = this.sessions.get(telephonySessionId)
    return s === undefined ? [] : s.partyIds.map((id) => this.parties.get(id)!)
  }

  /** The live leg (or, failing that, the latest leg) that owns this SIP dialog. */
  legByCallId(callId: string): Party | undefined {
    const legs = (this.byCallId.get(callId) ?? []).map((id) => this.parties.get(id)!)
    return legs.filter(isLive).at(-1) ?? legs.at(-1)
  }

  dialogs(): IterableIterator<[string, string[]]> {
    return this.byCallId.entries()
  }

  parkedParties(): Party[] {
    return [...this.parked].map((id) => this.parties.get(id)!)
  }
}

function withoutPark(p: Party): Party {
  const { parkId: _parkId, ...rest } = p
  return rest
}
