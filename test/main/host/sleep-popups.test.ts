/**
 * Pop-ups after the machine slept, with the real core on the emulator: the event push of both
 * shells (pushCoreEvents) on a core whose power source the test drives. While the machine sleeps
 * the gateway holds the notifications (`pauseDelivery`); on resume the held ones arrive in pieces
 * while the resume readback is still in flight, as a replay does. A call that rang and ended during
 * sleep must not pop up; the one still ringing pops up once; the board follows all of it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { PowerEvents } from '../../../src/main/core/ports'
import { pushCoreEvents } from '../../../src/main/host/event-push'
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc/settings'
import type { PopupView } from '../../../src/shared/ipc/status'
import { coreViews, type CoreRig, startCoreRig, truthViews, waitFor } from '../core/integration/rig'

let rig: CoreRig | undefined
let stopPush: (() => void) | undefined
afterEach(async () => {
  stopPush?.()
  await rig?.dispose()
  rig = stopPush = undefined
})

function fakePower(): PowerEvents & { resume(): void } {
  const listeners = new Set<() => void>()
  return {
    onResume(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onNetworkChange: () => () => undefined,
    resume: () => {
      for (const l of [...listeners]) l()
    }
  }
}

const caller = (name: string): { name: string; phoneNumber: string } => ({
  name,
  phoneNumber: '+14155550142'
})

describe('pop-ups when the machine wakes up', () => {
  it('skips the calls that rang and ended during sleep, and still shows the board', async () => {
    const power = fakePower()
    rig = await startCoreRig({ traffic: false }, { power })
    const core = rig.core
    await core.signInDemo()
    await waitFor(() => core.status().connection.status === 'live', 'live')
    await waitFor(() => core.status().resync.at !== null, 'the first readback')
    const popups: PopupView[] = []
    const dismissed: string[] = []
    stopPush = pushCoreEvents({
      core,
      settings: { get: () => DEFAULT_SETTINGS },
      emit: (event, payload) => {
        if (event === 'notify:popup') popups.push(payload as PopupView)
      },
      nativePopups: { show: () => undefined, dismiss: (tag) => dismissed.push(tag) },
      power
    })
    const e = rig.emulator()
    const [line1, line2, line3] = e.engine.lines(e.agentExtensionId)
    expect(line3).toBeDefined()
    const ringOn = (line: string, name: string): string => {
      const call = e.engine.inboundCall({ caller: caller(name), ring: [line] })
      if (!call.ok) throw new Error('the emulator refused the call')
      return call.value.telephonySessionId
    }
    const ringing = (name: string): boolean =>
      core.snapshot().ringingLines.some((r) => r.caller.name === name)

    const before = ringOn(line1!, 'Before Sleep')
    await waitFor(() => popups.length === 1, 'the pop-up of the call before sleep')

    // Asleep: the gateway holds everything. The first call ends, two more ring.
    e.platform.control.pauseDelivery()
    e.engine.endSession(before)
    const slept = ringOn(line2!, 'Rang While Asleep')
    const still = ringOn(line3!, 'Still Ringing')
    const readbackBefore = core.status().resync.at
    // The resume readback stays in flight while the held events arrive.
    e.platform.control.restLatency(1_000)
    power.resume()
    // First piece of the replay: the first call's end and both new calls ringing.
    e.platform.control.resumeDelivery()
    e.platform.control.pauseDelivery()
    e.engine.endSession(slept)
    await waitFor(() => ringing('Rang While Asleep') && ringing('Still Ringing'), 'the replay')
    // Second piece: the end of the call that rang while asleep.
    e.platform.control.resumeDelivery()
    await waitFor(() => !ringing('Rang While Asleep'), 'the end of the call that rang asleep')
    e.platform.control.restLatency(0)
    await waitFor(() => {
      const r = core.status().resync
      return !r.running && r.at !== null && r.at !== readbackBefore
    }, 'the resume readback')

    // The board caught up with all of it.
    await waitFor(
      () => JSON.stringify(coreViews(core)) === JSON.stringify(truthViews(e)),
      'the board to match the truth'
    )
    expect(ringing('Still Ringing')).toBe(true)
    expect(ringing('Before Sleep')).toBe(false)
    // Pop-ups: the call before sleep (then taken away), and the one still ringing, once each.
    expect(popups.map((p) => p.tag)).toEqual([before, still])
    expect(popups.map((p) => p.body.split(' (')[0])).toEqual(['Before Sleep', 'Still Ringing'])
    expect(dismissed).toEqual([before])
    expect(popups.some((p) => p.tag === slept)).toBe(false)
  }, 30_000)
})
