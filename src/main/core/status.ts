/**
 * The core's status, aggregated in one place: the sign-in state, the connection, disabled
 * features, non-fatal problems, the last resync and rate limits, plus the connection problems
 * support counts. The account runner reports into it (`StatusReports`); the shells read it and
 * listen to it through `Core.status` / `Core.onStatus`.
 */
import { createListenerSet } from '../../shared/util/listeners'
import type { AuthState } from './auth'
import type { ConnectionState, ResyncReason } from './connection/state'
import type { Clock } from './ports'
import type { DisabledFeature } from './subscriptions/features'

export interface ResyncStatus {
  readonly running: boolean
  readonly reason: ResyncReason | null
  /** When the last readback was applied (ISO instant); null while none was. */
  readonly at: string | null
}

export interface CoreStatus {
  readonly auth: AuthState
  readonly connection: ConnectionState
  readonly disabled: readonly DisabledFeature[]
  /** Non-fatal problems from the last directory load or resync (a list that could not be read). */
  readonly problems: readonly string[]
  readonly resync: ResyncStatus
  readonly rateLimitedUntil: number | null
}

/** What a signed-in account's runner tells the status about. */
export interface StatusReports {
  connection(state: ConnectionState): void
  disabled(features: readonly DisabledFeature[]): void
  problems(problems: readonly string[]): void
  resync(resync: ResyncStatus): void
  /** Counted for support, never shown: the detail is not kept. */
  connectionProblem(kind: string, detail: string): void
  rateLimited(retryAfterMs: number): void
}

export interface CoreStatusBoard extends StatusReports {
  current(): CoreStatus
  onChange(listener: (status: CoreStatus) => void): () => void
  auth(state: AuthState): void
  /** Signed out: the old account's connection, disabled features and problems go with it. */
  accountCleared(): void
  /** How often each kind of connection problem happened, since the core started. */
  connectionProblems(): Readonly<Record<string, number>>
}

export function createStatusBoard(auth: AuthState, clock: Clock): CoreStatusBoard {
  const listeners = createListenerSet<[CoreStatus]>()
  const problemCounts: Record<string, number> = {}
  let status: CoreStatus = {
    auth,
    connection: { status: 'idle' },
    disabled: [],
    problems: [],
    resync: { running: false, reason: null, at: null },
    rateLimitedUntil: null
  }
  const set = (patch: Partial<CoreStatus>): void => {
    status = { ...status, ...patch }
    listeners.emit(status)
  }
  return {
    current: () => status,
    onChange: (listener) => listeners.add(listener),
    auth: (state) => set({ auth: state }),
    connection: (connection) => set({ connection }),
    disabled: (disabled) => set({ disabled }),
    problems: (problems) => set({ problems }),
    resync: (resync) => set({ resync }),
    rateLimited: (ms) => set({ rateLimitedUntil: clock.now() + ms }),
    connectionProblem(kind) {
      problemCounts[kind] = (problemCounts[kind] ?? 0) + 1
    },
    accountCleared: () => set({ connection: { status: 'idle' }, disabled: [], problems: [] }),
    connectionProblems: () => ({ ...problemCounts })
  }
}
