// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useCallsStore } from '../../../src/renderer/src/stores/calls'
import { useSettingsStore } from '../../../src/renderer/src/stores/settings'
import { useToastsStore } from '../../../src/renderer/src/stores/toasts'
import type { CallOutcome, Envelope } from '../../../src/shared/ipc/contract'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { deferred, fail, FakeMain, ok } from '../fake-main'
import { held, myCall, parked, ringing } from '../fixtures'

describe('calls store', () => {
  let main: FakeMain
  beforeEach(() => {
    setActivePinia(createPinia())
    main = new FakeMain().install()
    useCallsStore().setViews({
      ...emptySnapshot,
      parkedCalls: [parked('s-1')],
      heldCalls: [held('s-2')]
    })
  })
  afterEach(() => useToastsStore().$reset())

  it('marks a pickup pending, refuses a second click, and reports success with the device', async () => {
    const reply = deferred<Envelope<CallOutcome>>()
    main.handle('calls:pick-up-parked', () => reply.promise)
    const settings = useSettingsStore()
    await settings.loadDevices()
    await settings.update({ preferredDeviceId: 'd1' })
    main.calls.length = 0

    const calls = useCallsStore()
    const c = parked('s-1')
    const first = calls.pickUpParked(c)
    expect(calls.pendingOf(c)).toBe('pickUpParked')
    // The double click: no second request.
    expect(await calls.pickUpParked(c)).toBe(false)
    expect(main.calls.filter((x) => x.channel === 'calls:pick-up-parked')).toHaveLength(1)
    expect(main.calls[0]?.args).toEqual(['s-1', 'p-s-1'])

    reply.resolve(ok({ telephonySessionId: 's-1', partyId: 'p-s-1', device: 'Desk phone' }))
    expect(await first).toBe(true)
    expect(calls.pendingOf(c)).toBeNull()
    expect(calls.errorOf(c)).toBeNull()
    expect(useToastsStore().items.at(-1)).toMatchObject({
      kind: 'success',
      title: 'Picked up — the call is on Desk phone'
    })
  })

  it('keeps main’s failure message beside the call and in an error toast', async () => {
    main.handle('calls:pick-up-parked', () =>
      fail('already-answered', 'The call was already picked up by Maria Lopez.')
    )
    const calls = useCallsStore()
    const c = parked('s-1')
    expect(await calls.pickUpParked(c)).toBe(false)
    expect(calls.pendingOf(c)).toBeNull()
    expect(calls.errorOf(c)).toEqual({
      action: 'pickUpParked',
      code: 'already-answered',
      message: 'The call was already picked up by Maria Lopez.',
      // What the call was doing at the failure: the message goes when that changes.
      situation: 'parked|||'
    })
    expect(useToastsStore().items.at(-1)).toMatchObject({
      kind: 'error',
      title: 'Could not pick up the call',
      body: 'The call was already picked up by Maria Lopez.'
    })
    // The error goes with the call.
    calls.setViews({ ...emptySnapshot, heldCalls: [held('s-2')] })
    expect(calls.errorOf(c)).toBeNull()
  })

  it('keeps main’s refusal of a SIP pickup beside the call, and sends no INVITE', async () => {
    main.handle('calls:pick-up', () =>
      fail('not-available', "Ringside's phone is not registered, so it cannot take the call.")
    )
    const calls = useCallsStore()
    expect(await calls.pickUp(held('s-2'))).toBe(false)
    expect(calls.errorOf(held('s-2'))?.code).toBe('not-available')
    expect(useToastsStore().items.at(-1)).toMatchObject({
      kind: 'error',
      title: 'Could not pick up the call'
    })
  })

  it('drops an error once the call it is about changes (new tags), not before', async () => {
    main.handle('calls:pick-up', () => fail('stale', 'The call changed.'))
    const calls = useCallsStore()
    const before = held('s-2')
    await calls.pickUp(before)
    calls.setViews({ ...emptySnapshot, heldCalls: [held('s-2')] })
    expect(calls.errorOf(before)?.code).toBe('stale')
    const sip = { callId: 'c-new', toTag: 'to-new', fromTag: 'from-new' }
    calls.setViews({ ...emptySnapshot, heldCalls: [{ ...held('s-2'), sip }] })
    expect(calls.errorOf(before)).toBeNull()
  })

  it('does nothing for a call without ids', async () => {
    const calls = useCallsStore()
    expect(await calls.pickUp(ringing('s-3', '1', { partyId: null }))).toBe(false)
    expect(main.calls.some((c) => c.channel === 'calls:pick-up')).toBe(false)
  })

  it('runs answer, hold and unhold on their channels', async () => {
    const calls = useCallsStore()
    await calls.answer(held('s-4'))
    await calls.hold(held('s-4'))
    await calls.unhold(held('s-4'))
    expect(main.calls.map((c) => c.channel)).toEqual(['calls:answer', 'calls:hold', 'calls:unhold'])
    expect(useToastsStore().items.map((t) => t.title)).toEqual([
      'Answered — the call is on your phone'
    ])
  })

  it('times a call from when it entered its state (monotonic), restarting on a new state', () => {
    const calls = useCallsStore()
    const before = calls.sinceOf('h|1:s-2')
    expect(before).toBeTypeOf('number')
    calls.setViews({ ...emptySnapshot, heldCalls: [held('s-2')] })
    expect(calls.sinceOf('h|1:s-2')).toBe(before)
    calls.setViews({ ...emptySnapshot })
    expect(calls.sinceOf('h|1:s-2')).toBeUndefined()
  })

  it('groups ringing lines into one call per session, leading with a line that can pick up', () => {
    const calls = useCallsStore()
    calls.setViews({
      ...emptySnapshot,
      ringingLines: [
        ringing('s-7', '1', { canPickUp: false }),
        ringing('s-7', '2'),
        ringing('s-8', '3'),
        // The agent's own line, monitored too: its leg is one of myCalls already.
        ringing('s-9', '100')
      ],
      myCalls: [myCall('s-9', 'ringing')]
    })
    expect(calls.hasCalls).toBe(true)
    expect(calls.ringingGroups.map((g) => [g.key, g.lead.id, g.lineNames])).toEqual([
      ['s-7', '2:s-7', ['Agent 1', 'Agent 2']],
      ['s-8', '3:s-8', ['Agent 3']]
    ])
    calls.$reset()
    expect(calls.hasCalls).toBe(false)
    expect(calls.ringingGroups).toEqual([])
    expect(calls.parked).toEqual([])
  })
})
