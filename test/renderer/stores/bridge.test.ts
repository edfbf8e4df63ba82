// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { startBridge } from '../../../src/renderer/src/bridge'
import { useCallsStore } from '../../../src/renderer/src/stores/calls'
import { useConnectionStore } from '../../../src/renderer/src/stores/connection'
import { useLinesStore } from '../../../src/renderer/src/stores/lines'
import { useOpenCallStore } from '../../../src/renderer/src/stores/open-call'
import { useSignInStore } from '../../../src/renderer/src/stores/sign-in'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessions'
import { usePopupsStore } from '../../../src/renderer/src/stores/popups'
import { useToastsStore } from '../../../src/renderer/src/stores/toasts'
import type { StateSnapshot } from '../../../src/shared/state/patches'
import { emptySnapshot, sortView } from '../../../src/shared/state/patches'
import { deferred, fail, FakeMain, ok, signedInStatus } from '../fake-main'
import { held, line, lines, myCall, parked, party, ringing, session } from '../fixtures'

/** What the stores hold, in snapshot form, to compare with main's own snapshot. */
function storesAsSnapshot(): StateSnapshot {
  const calls = useCallsStore()
  return {
    lines: useLinesStore().lines,
    ringingLines: calls.ringing,
    heldCalls: calls.held,
    parkedCalls: calls.parked,
    myCalls: calls.myCalls,
    accountSessions: useSessionsStore().sessions
  }
}

/** Main's views are always in VIEW_ORDER; test states must be too. */
function sorted(s: StateSnapshot): StateSnapshot {
  return {
    lines: sortView('lines', [...s.lines]),
    ringingLines: sortView('ringingLines', [...s.ringingLines]),
    heldCalls: sortView('heldCalls', [...s.heldCalls]),
    parkedCalls: sortView('parkedCalls', [...s.parkedCalls]),
    myCalls: sortView('myCalls', [...s.myCalls]),
    accountSessions: sortView('accountSessions', [...s.accountSessions])
  }
}

/** Browser mode's reconnect signal, fired by hand. */
function reconnector(): {
  reconnects: Set<() => void>
  onReconnect: (listener: () => void) => () => void
} {
  const reconnects = new Set<() => void>()
  return {
    reconnects,
    onReconnect: (listener) => {
      reconnects.add(listener)
      return () => reconnects.delete(listener)
    }
  }
}

describe('bridge', () => {
  let main: FakeMain
  beforeEach(() => {
    setActivePinia(createPinia())
    main = new FakeMain().install()
  })

  it('loads the snapshot and status, then follows patches in order to main’s exact state', async () => {
    main.snapshot = { ...emptySnapshot, lines: lines(5) }
    const dispose = await startBridge()
    expect(useConnectionStore().ready).toBe(true)
    expect(useSignInStore().signedIn).toBe(true)
    expect(useLinesStore().lines.map((l) => l.id)).toEqual(['1', '2', '3', '4', '5'])

    // A sequence of changes: a line rings, is picked up elsewhere and held, parked, ends; sessions.
    const steps: StateSnapshot[] = [
      {
        ...main.snapshot,
        lines: [line('1', 'ringing'), ...lines(5).slice(1)],
        ringingLines: [ringing('s-1')]
      },
      {
        ...main.snapshot,
        lines: [line('1', 'on-hold'), ...lines(5).slice(1)],
        heldCalls: [held('s-1')],
        accountSessions: [session('s-1', [party('p-1')])]
      },
      {
        ...main.snapshot,
        lines: [line('1', 'available'), ...lines(5).slice(1, 4)],
        parkedCalls: [parked('s-1')],
        myCalls: [myCall('s-9', 'connected')]
      },
      { ...emptySnapshot, lines: [line('6', 'dnd'), line('2', 'busy')] }
    ]
    for (const step of steps) {
      main.setState(sorted(step))
      expect(storesAsSnapshot()).toEqual(main.snapshot)
    }
    dispose()
  })

  it('replays patches that arrive before the snapshot on top of it', async () => {
    main.snapshot = { ...emptySnapshot, lines: lines(2) }
    const reply =
      deferred<ReturnType<typeof ok<{ status: typeof main.status; snapshot: StateSnapshot }>>>()
    main.handle('state:get', () => reply.promise)
    const started = startBridge()
    // Main changes while the reply is in flight; the reply then carries the state after the change.
    main.setState({ ...main.snapshot, ringingLines: [ringing('s-2', '2')] })
    reply.resolve(ok({ status: main.status, snapshot: main.snapshot }))
    const dispose = await started
    expect(storesAsSnapshot()).toEqual(main.snapshot)
    expect(useLinesStore().ringingByLine.get('2')?.telephonySessionId).toBe('s-2')
    dispose()
  })

  it('applies status updates to the sign-in and connection stores, and pop-ups to toasts', async () => {
    const dispose = await startBridge()
    main.setStatus(
      signedInStatus({ connection: { status: 'recovering', attempt: 2, reason: 'socket closed' } })
    )
    expect(useConnectionStore().connection).toEqual({
      status: 'recovering',
      attempt: 2,
      reason: 'socket closed'
    })
    main.setStatus({
      ...signedInStatus(),
      auth: {
        status: 'signed-out-with-reason',
        reason: { code: 'revoked', message: 'Your sign-in was revoked.' }
      }
    })
    expect(useSignInStore().signedIn).toBe(false)
    expect(useSignInStore().error).toBe('Your sign-in was revoked.')
    main.emit('notify:popup', { title: 'Maria is ringing', body: 'Jane via Support', tag: 's-1' })
    expect(useToastsStore().items.map((t) => t.title)).toEqual(['Maria is ringing'])
    dispose()
    useToastsStore().$reset()
  })

  it("hands a notification click's call to the open-call store, and drops one that does not decode", async () => {
    await startBridge()
    const openCall = useOpenCallStore()

    main.emit('notify:open-call', { kind: 'ringing', key: 's-1' })
    expect(openCall.target).toMatchObject({ kind: 'ringing', key: 's-1' })
    openCall.opened()
    // A page that trusts main still does not search its lists for what no call can be.
    main.emit('notify:open-call', { kind: 'ringing', key: '../x' } as never)
    main.emit('notify:open-call', { kind: 'parked', key: 's-1' } as never)
    expect(openCall.target).toBeNull()
  })

  it('retries a failed first load and says so meanwhile', async () => {
    vi.useFakeTimers()
    try {
      let attempts = 0
      main.handle('state:get', () =>
        ++attempts < 3
          ? fail('transport', 'main is busy')
          : ok({ status: main.status, snapshot: main.snapshot })
      )
      const started = startBridge({ retryDelaysMs: [100] })
      await vi.advanceTimersByTimeAsync(0)
      expect(useConnectionStore().loadError).toMatch(/main is busy/)
      expect(useConnectionStore().ready).toBe(false)
      await vi.advanceTimersByTimeAsync(250)
      const dispose = await started
      expect(attempts).toBe(3)
      expect(useConnectionStore().ready).toBe(true)
      expect(useConnectionStore().loadError).toBeNull()
      dispose()
    } finally {
      vi.useRealTimers()
    }
  })

  it('re-reads the whole state after a reconnect, and stops listening for it on dispose', async () => {
    const { reconnects, onReconnect } = reconnector()
    main.snapshot = { ...emptySnapshot, lines: lines(2) }
    const dispose = await startBridge({ onReconnect })
    // The bridge was down: main moved on and its patches never arrived.
    main.snapshot = { ...main.snapshot, ringingLines: [ringing('s-3', '1')] }
    main.status = { ...main.status, connection: { status: 'recovering', attempt: 1, reason: 'x' } }
    for (const listener of reconnects) listener()
    await vi.waitFor(() => expect(storesAsSnapshot()).toEqual(main.snapshot))
    expect(useConnectionStore().connection).toEqual(main.status.connection)
    dispose()
    expect(reconnects.size).toBe(0)
  })

  it('after a reconnect with a frame batch pending, still counts a call that rang and stopped in it', async () => {
    const { reconnects, onReconnect } = reconnector()
    main.snapshot = { ...emptySnapshot, lines: lines(2) }
    const frames: Array<() => void> = []
    const dispose = await startBridge({ onReconnect, frames: (run) => frames.push(run) })
    const base = main.snapshot
    // s-1 rings and stops before the frame; then the socket drops and comes back.
    main.setState(sorted({ ...base, ringingLines: [ringing('s-1', '1')] }))
    main.setState(sorted({ ...base, ringingLines: [] }))
    for (const listener of reconnects) listener()
    await vi.waitFor(() => expect(useConnectionStore().ready).toBe(true))
    await vi.waitFor(() => expect(useCallsStore().briefRingCount).toBe(1))
    frames.splice(0).forEach((run) => run())
    expect(useCallsStore().briefRingCount).toBe(1)
    expect(storesAsSnapshot()).toEqual(main.snapshot)
    dispose()
  })

  it('unsubscribes everything on dispose and ignores later events', async () => {
    const before = main.listenerCount()
    const dispose = await startBridge()
    expect(main.listenerCount()).toBe(before + 4)
    dispose()
    expect(main.listenerCount()).toBe(before)
    main.setState({ ...emptySnapshot, lines: lines(3) })
    expect(useLinesStore().lines).toEqual([])
  })

  it('with frames, applies every message that came before a frame in one batch', async () => {
    main.snapshot = { ...emptySnapshot, lines: lines(5) }
    const frames: Array<() => void> = []
    const dispose = await startBridge({ frames: (run) => frames.push(run) })
    const linesStore = useLinesStore()
    const calls = useCallsStore()
    const setLines = vi.spyOn(linesStore, 'setLines')
    const setViews = vi.spyOn(calls, 'setViews')
    const third = linesStore.lines[2]
    // A burst: ten calls start ringing on line 1 in ten messages, and line 2 goes busy.
    const ring = Array.from({ length: 10 }, (_, i) => ringing(`s-${i}`))
    for (let i = 1; i <= ring.length; i++) {
      main.setState(sorted({ ...main.snapshot, ringingLines: ring.slice(0, i) }))
    }
    main.setState(
      sorted({
        ...main.snapshot,
        lines: [line('1', 'ringing'), line('2', 'busy'), ...lines(5).slice(2)]
      })
    )
    expect(frames).toHaveLength(1)
    expect(calls.ringing).toEqual([])
    frames.shift()!()
    expect(storesAsSnapshot()).toEqual(main.snapshot)
    expect(setViews).toHaveBeenCalledTimes(1)
    expect(setLines).toHaveBeenCalledTimes(1)
    // Rows that did not change are the same objects, so their components do not re-render.
    expect(linesStore.lines[2]).toBe(third)
    // Disposed with a batch pending: the batch is dropped.
    main.setState(sorted({ ...main.snapshot, ringingLines: [] }))
    dispose()
    frames.shift()?.()
    expect(calls.ringing).toHaveLength(10)
  })
  it('counts a call that rang and stopped inside one frame batch, and only such calls', async () => {
    main.snapshot = { ...emptySnapshot, lines: lines(3), ringingLines: [ringing('s-old')] }
    const frames: Array<() => void> = []
    const dispose = await startBridge({ frames: (run) => frames.push(run) })
    const calls = useCallsStore()
    const base = main.snapshot
    // Before one frame: s-1 rings on two lines and stops, s-2 rings and stays, s-old stops.
    main.setState(
      sorted({
        ...base,
        ringingLines: [...base.ringingLines, ringing('s-1', '1'), ringing('s-1', '2')]
      })
    )
    main.setState(sorted({ ...base, ringingLines: [...base.ringingLines, ringing('s-2', '3')] }))
    main.setState(sorted({ ...base, ringingLines: [ringing('s-2', '3')] }))
    expect(frames).toHaveLength(1)
    frames.shift()!()
    expect(calls.ringing.map((r) => r.telephonySessionId)).toEqual(['s-2'])
    // s-1 was never drawn: one call (not two lines) counted; s-2 is on screen, s-old was shown.
    expect(calls.briefRingCount).toBe(1)
    expect(calls.briefRings.calls.map((r) => r.telephonySessionId)).toEqual(['s-1'])
    // A batch whose views end unchanged still counts the call that came and went in it.
    main.setState(sorted({ ...main.snapshot, ringingLines: [ringing('s-2', '3'), ringing('s-3')] }))
    main.setState(sorted({ ...main.snapshot, ringingLines: [ringing('s-2', '3')] }))
    frames.shift()!()
    expect(calls.briefRingCount).toBe(2)
    expect(calls.briefRings).toEqual({
      calls: [expect.objectContaining({ telephonySessionId: 's-3' })],
      total: 1
    })
    dispose()
  })

  it('with frames, shows pop-ups in the frame after their patches, and closes those whose call went', async () => {
    main.snapshot = { ...emptySnapshot, lines: lines(3) }
    const frames: Array<() => void> = []
    const dispose = await startBridge({ frames: (run) => frames.push(run) })
    const toasts = useToastsStore()
    const popups = usePopupsStore()
    const base = main.snapshot
    const popup = (tag: string): void =>
      main.emit('notify:popup', { title: `${tag} is ringing`, body: 'Jane', tag })
    // s-1 rings and stays; s-2 rings and stops before the frame: its pop-up has nothing to show.
    main.setState(sorted({ ...base, ringingLines: [ringing('s-1', '1')] }))
    popup('s-1')
    main.setState(sorted({ ...base, ringingLines: [ringing('s-1', '1'), ringing('s-2', '2')] }))
    popup('s-2')
    main.setState(sorted({ ...base, ringingLines: [ringing('s-1', '1')] }))
    // Nothing is drawn between two frames, pop-ups included.
    expect(toasts.items).toEqual([])
    expect(frames).toHaveLength(1)
    frames.shift()!()
    expect(toasts.items.map((t) => t.title)).toEqual(['s-1 is ringing'])
    expect(popups.entries.map((e) => e.tag)).toEqual(['s-1'])
    // The call stops ringing: its entry goes in this window too, not only in the tray pop-up's,
    // so a day of calls does not pile up entries nobody shows.
    main.setState(sorted({ ...base, ringingLines: [] }))
    frames.shift()!()
    expect(popups.entries).toEqual([])
    expect(toasts.items).toEqual([])
    dispose()
    toasts.$reset()
  })
})
