/**
 * A stand-in for the core with the surface the shell uses: status and its listeners, state patches,
 * semantic events, and spies for the actions. Tests drive it with `setStatus`, `emitPatches` and
 * `emitEvent`.
 */
import { vi } from 'vitest'
import type { Core, CoreStatus } from '../../../src/main/core/core'
import type { SemanticEvent } from '../../../src/main/core/state'
import { emptySnapshot, type StatePatch } from '../../../src/shared/state/patches'
import type { RingingItem } from '../../../src/shared/state/view-types'

export const SIGNED_OUT: CoreStatus = {
  auth: { status: 'signed-out' },
  connection: { status: 'idle' },
  disabled: [],
  problems: [],
  resync: { running: false, reason: null, at: null },
  rateLimitedUntil: null
}

export const LIVE: CoreStatus = {
  ...SIGNED_OUT,
  auth: {
    status: 'signed-in',
    method: 'browser',
    ownerId: '101',
    server: 'https://platform.ringcentral.com',
    persistence: 'encrypted-file',
    reconnecting: false
  },
  connection: { status: 'live', since: 0, lastHeardAt: 0, silenceLimitMs: 8_000 }
}

export interface FakeCore {
  readonly core: Core
  readonly spies: {
    readonly start: ReturnType<typeof vi.fn<() => Promise<void>>>
    readonly stop: ReturnType<typeof vi.fn<() => Promise<void>>>
    readonly signInDemo: ReturnType<typeof vi.fn<() => Promise<void>>>
    readonly signOut: ReturnType<typeof vi.fn<() => Promise<void>>>
    readonly ownDnd: ReturnType<typeof vi.fn<() => string | null>>
    readonly recover: ReturnType<typeof vi.fn<() => void>>
    readonly recordFault: ReturnType<typeof vi.fn<(kind: string, thrown: unknown) => void>>
    readonly retryNow: ReturnType<typeof vi.fn<() => boolean>>
  }
  setStatus(status: CoreStatus): void
  emitPatches(patches: readonly StatePatch[]): void
  emitEvent(event: SemanticEvent): void
  listenerCounts(): { status: number; state: number; events: number }
}

export function fakeCore(initial: CoreStatus = SIGNED_OUT): FakeCore {
  let status = initial
  const statusListeners = new Set<(s: CoreStatus) => void>()
  const stateListeners = new Set<(p: readonly StatePatch[]) => void>()
  const eventListeners = new Set<(e: SemanticEvent) => void>()
  const spies = {
    start: vi.fn(async (): Promise<void> => undefined),
    stop: vi.fn(async (): Promise<void> => undefined),
    signInDemo: vi.fn(async (): Promise<void> => undefined),
    signOut: vi.fn(async (): Promise<void> => undefined),
    ownDnd: vi.fn((): string | null => null),
    recover: vi.fn((): void => undefined),
    recordFault: vi.fn((_kind: string, _thrown: unknown): void => undefined),
    retryNow: vi.fn((): boolean => true)
  }
  const setStatus = (next: CoreStatus): void => {
    status = next
    for (const l of [...statusListeners]) l(status)
  }
  const core = {
    auth: {
      signOut: spies.signOut,
      server: 'https://platform.ringcentral.com',
      setServer: vi.fn()
    },
    status: () => status,
    onStatus(listener: (s: CoreStatus) => void) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    subscribe(listener: (p: readonly StatePatch[]) => void) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
    onEvent(listener: (e: SemanticEvent) => void) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    snapshot: () => emptySnapshot,
    start: spies.start,
    stop: spies.stop,
    signInDemo: spies.signInDemo,
    ownDnd: spies.ownDnd,
    recover: spies.recover,
    retryNow: spies.retryNow,
    diagnostics: { recordFault: spies.recordFault }
  }
  return {
    core: core as unknown as Core,
    spies,
    setStatus,
    emitPatches: (patches) => {
      for (const l of [...stateListeners]) l(patches)
    },
    emitEvent: (event) => {
      for (const l of [...eventListeners]) l(event)
    },
    listenerCounts: () => ({
      status: statusListeners.size,
      state: stateListeners.size,
      events: eventListeners.size
    })
  }
}

/** A ringing view item: line `ext` ringing with call `sid`. */
export function ringing(overrides: Partial<RingingItem> = {}): RingingItem {
  const extensionId = overrides.extensionId ?? '201'
  const sid = overrides.telephonySessionId === undefined ? 's-1' : overrides.telephonySessionId
  return {
    id: `${extensionId}:${sid ?? 'x'}`,
    extensionId,
    lineName: 'Front desk',
    lineNumber: '201',
    caller: { name: 'Ada Lovelace', number: '+14155550100' },
    from: { name: 'Ada Lovelace', number: '+14155550100' },
    to: { name: 'Front desk', number: '201' },
    direction: 'Inbound',
    queueCall: false,
    queueName: null,
    startTime: null,
    stateSince: null,
    telephonySessionId: sid,
    partyId: 'p-1',
    sessionId: null,
    serverId: null,
    deviceId: null,
    sip: null,
    source: 'presence',
    canPickUp: true,
    ...overrides
  }
}
