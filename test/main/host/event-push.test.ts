import { describe, expect, it } from 'vitest'
import { createSettingsStore } from '../../../src/main/host/settings-store'
import type { Core, CoreStatus } from '../../../src/main/core/core'
import type { SemanticEvent, StateListener } from '../../../src/main/core/state'
import type { EmitEvent } from '../../../src/shared/ipc/contract'
import type { RingingItem } from '../../../src/shared/state/view-types'
import { pushCoreEvents } from '../../../src/main/host/event-push'

function fakeCore(): {
  core: Core
  fire: (e: SemanticEvent) => void
  status: (s: CoreStatus) => void
  patch: StateListener
  listeners: () => number
} {
  const events = new Set<(e: SemanticEvent) => void>()
  const statuses = new Set<(s: CoreStatus) => void>()
  const patches = new Set<StateListener>()
  const add =
    <T>(set: Set<T>) =>
    (l: T) => {
      set.add(l)
      return () => set.delete(l)
    }
  const core = {
    onEvent: add(events),
    onStatus: add(statuses),
    subscribe: add(patches),
    ownDnd: () => null
  } as unknown as Core
  return {
    core,
    fire: (e) => events.forEach((l) => l(e)),
    status: (s) => statuses.forEach((l) => l(s)),
    patch: (p, snap) => patches.forEach((l) => l(p, snap)),
    listeners: () => events.size + statuses.size + patches.size
  }
}

const ringing = (line: string, session: string, name = 'Ada Lovelace'): RingingItem => ({
  id: `${line}:${session}`,
  extensionId: line,
  lineName: `Line ${line}`,
  lineNumber: line,
  caller: { name, number: '+15550100' },
  from: { name, number: '+15550100' },
  to: { name: null, number: line },
  direction: 'Inbound',
  queueCall: true,
  queueName: 'Support',
  startTime: null,
  stateSince: null,
  telephonySessionId: session,
  partyId: 'p-1',
  sessionId: null,
  serverId: null,
  deviceId: null,
  sip: null,
  source: 'presence',
  canPickUp: true
})

function collect(): { emit: EmitEvent; got: unknown[][] } {
  const got: unknown[][] = []
  return { emit: (e, p) => got.push([e, p]), got }
}

describe('pushCoreEvents', () => {
  it('pops up once per ringing call, however many lines it rings, and again for a new ring', () => {
    const f = fakeCore()
    const out = collect()
    pushCoreEvents({ core: f.core, settings: createSettingsStore(), emit: out.emit })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-1') })
    f.fire({ type: 'line-ringing', call: ringing('102', 's-1') })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-2', 'Grace\u202eHopper') })
    const popups = out.got.filter(([e]) => e === 'notify:popup').map(([, p]) => p)
    expect(popups).toEqual([
      { title: 'Line 101 is ringing', body: 'Ada Lovelace (+15550100) via Support', tag: 's-1' },
      { title: 'Line 101 is ringing', body: 'GraceHopper (+15550100) via Support', tag: 's-2' }
    ])
    f.fire({ type: 'line-stopped-ringing', call: ringing('101', 's-1') })
    f.fire({ type: 'line-ringing', call: ringing('103', 's-1') })
    expect(out.got.filter(([e]) => e === 'notify:popup')).toHaveLength(2)
    f.fire({ type: 'line-stopped-ringing', call: ringing('102', 's-1') })
    f.fire({ type: 'line-stopped-ringing', call: ringing('103', 's-1') })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-1') })
    expect(out.got.filter(([e]) => e === 'notify:popup')).toHaveLength(3)
  })

  it('follows the notification rules as they are now', () => {
    const f = fakeCore()
    const out = collect()
    const settings = createSettingsStore()
    pushCoreEvents({ core: f.core, settings, emit: out.emit })
    settings.update({ notifications: { ...settings.get().notifications, enabled: false } })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-1') })
    expect(out.got).toEqual([])
    settings.update({ notifications: { ...settings.get().notifications, enabled: true } })
    f.fire({ type: 'line-ringing', call: ringing('102', 's-1') })
    expect(out.got).toHaveLength(1)
  })

  it('forwards patches and status, and unsubscribes everything', () => {
    const f = fakeCore()
    const out = collect()
    const off = pushCoreEvents({ core: f.core, settings: createSettingsStore(), emit: out.emit })
    f.patch([], {} as never)
    f.status({ auth: { status: 'signed-out' } } as CoreStatus)
    expect(out.got.map(([e]) => e)).toEqual(['state:patch', 'state:status'])
    off()
    expect(f.listeners()).toBe(0)
  })

  it('with native notifications chosen, shows each natively first, then in the page, and takes it away', () => {
    const f = fakeCore()
    const order: string[] = []
    const native = {
      show: (p: { tag: string }) => order.push(`native ${p.tag}`),
      dismiss: (tag: string) => order.push(`dismiss ${tag}`)
    }
    const settings = createSettingsStore()
    settings.update({ popupStyle: 'native' })
    pushCoreEvents({ core: f.core, settings, emit: (e) => order.push(e), nativePopups: native })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-1') })
    f.fire({ type: 'line-stopped-ringing', call: ringing('101', 's-1') })
    expect(order).toEqual(['native s-1', 'notify:popup', 'dismiss s-1'])
  })

  it('with the pop-up window (the default), leaves the native notification out', () => {
    const f = fakeCore()
    const order: string[] = []
    pushCoreEvents({
      core: f.core,
      settings: createSettingsStore(),
      emit: (e) => order.push(e),
      nativePopups: { show: () => order.push('native'), dismiss: () => order.push('dismiss') }
    })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-1') })
    expect(order).toEqual(['notify:popup'])
  })

  it('shows nothing new while pop-ups are paused', () => {
    const f = fakeCore()
    const order: string[] = []
    let paused = true
    pushCoreEvents({
      core: f.core,
      settings: createSettingsStore(),
      emit: (e) => order.push(e),
      paused: () => paused
    })
    f.fire({ type: 'line-ringing', call: ringing('101', 's-1') })
    expect(order).toEqual([])
    paused = false
    f.fire({ type: 'line-ringing', call: ringing('102', 's-2') })
    expect(order).toEqual(['notify:popup'])
  })
})
