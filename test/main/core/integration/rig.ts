/**
 * The whole core against the embedded emulator: real SDK, real subscriptions client, real sockets.
 * The emulator is in-process so tests can read its truth directly (engine) and inject faults. A
 * rig disposes of itself when the test that started it finishes.
 */
import { onTestFinished } from 'vitest'
import type { Emulator, EmulatorOptions } from '../../../../src/emulator'
import { createMemoryVault } from '../../../../src/main/core/auth'
import { createCore, type Core, type CoreOptions } from '../../../../src/main/core/core'
import { presenceTruth, sessionsTruth } from '../../../../src/emulator/callcentre/truth'
import { testDemo } from '../../../support/demo-emulator'
import { waitFor as waitForCondition } from '../../../support/wait'

export interface CoreRig {
  readonly core: Core
  emulator(): Emulator
  dispose(): Promise<void>
}

export { UNLIMITED } from '../../../support/demo-emulator'

/** Call it inside a test: the rig is disposed of when that test finishes, passed or failed. */
export async function startCoreRig(
  emulatorOptions: EmulatorOptions = {},
  coreOptions: Partial<CoreOptions> = {}
): Promise<CoreRig> {
  const demo = testDemo({ seed: 11, ...emulatorOptions })
  const core = createCore({
    vault: createMemoryVault(),
    browser: { open: () => Promise.reject(new Error('no browser in tests')) },
    appVersion: '0.0.0-test',
    client: { clientId: 'unused-in-demo' },
    safetyPollMs: 0,
    supervisor: {
      connectTimeoutMs: 2_000,
      silenceTimeoutMs: 2_000,
      probeTimeoutMs: 500,
      backoff: { baseMs: 200, capMs: 1_000 }
    },
    startDemo: demo.startDemo,
    ...coreOptions
  })
  let disposed = false
  const dispose = async (): Promise<void> => {
    if (disposed) return
    disposed = true
    await core.stop()
    await demo.close()
  }
  onTestFinished(dispose)
  return { core, emulator: demo.emulator, dispose }
}

/** The shared poll, with room for a whole sign-in and subscription against the emulator. */
export const waitFor = (
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000
): Promise<void> => waitForCondition(condition, what, timeoutMs)

/** What the board must show, computed from the emulator's truth for the demo agent's lines. */
export function truthViews(e: Emulator): {
  ringing: string[]
  held: string[]
  parked: string[]
  lines: string[]
} {
  const agent = e.agentExtensionId
  const watched = new Set([...e.engine.lines(agent), ...e.engine.favorites(agent)])
  const ringing: string[] = []
  const held: string[] = []
  const lines: string[] = []
  for (const p of presenceTruth(e.engine)) {
    const ext = String(p['extensionId'])
    if (!watched.has(ext)) continue
    lines.push(`${ext}:${String(p['telephonyStatus'])}`)
    for (const c of p['activeCalls'] as Array<Record<string, unknown>>) {
      const key = `${ext}|${String(c['telephonySessionId'])}`
      if (c['telephonyStatus'] === 'Ringing') ringing.push(key)
      if (c['telephonyStatus'] === 'OnHold') held.push(key)
    }
  }
  const parked = sessionsTruth(e.engine)
    .filter((s) => s.parties.some((p) => p.status.code === 'Parked'))
    .map((s) => s.telephonySessionId)
  return { ringing: ringing.sort(), held: held.sort(), parked: parked.sort(), lines: lines.sort() }
}

/**
 * `unknown` is what the board says of a park location whose calls REST cannot tell
 * (docs/platform.md#parked-calls-after-an-outage); it is only shown while the core has no call
 * there, so it matches the truth's `NoCall` and nothing else: a call parked there must still show.
 */
const noCalls = (status: string): string => (status === 'unknown' ? 'NoCall' : '')

/** The same four views as the core derived them. */
export function coreViews(core: Core): {
  ringing: string[]
  held: string[]
  parked: string[]
  lines: string[]
} {
  const s = core.snapshot()
  const telephony: Record<string, string> = {
    ringing: 'Ringing',
    'on-hold': 'OnHold',
    parked: 'ParkedCall'
  }
  return {
    ringing: s.ringingLines.map((r) => `${r.extensionId}|${r.telephonySessionId ?? ''}`).sort(),
    held: s.heldCalls.map((r) => `${r.extensionId}|${r.telephonySessionId ?? ''}`).sort(),
    parked: s.parkedCalls.map((p) => p.telephonySessionId).sort(),
    lines: s.lines
      .filter((l) => l.hasPresence)
      .map((l) => `${l.id}:${l.telephonyStatus ?? telephony[l.status] ?? noCalls(l.status)}`)
      .sort()
  }
}

/** Signs the rig's core in to the demo; resolves once it is live and its first resync is in. */
export async function signInLive(rig: CoreRig): Promise<void> {
  await rig.core.signInDemo()
  await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
  await waitFor(() => rig.core.status().resync.at !== null, 'the first resync')
}
