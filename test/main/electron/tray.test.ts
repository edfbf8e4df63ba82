import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Menu, MenuItemConstructorOptions } from 'electron'
import { MenuMock, TrayMock, resetElectronMock } from '../../setup/electron-mock'
import type { CoreStatus } from '../../../src/main/core/core'
import {
  createSystemTray,
  type SystemTray,
  TRAY_STATES,
  trayPresentation,
  trayTooltip
} from '../../../src/main/electron/tray'
import type { RingingItem } from '../../../src/shared/state/view-types'
import { fakeCore, LIVE, ringing, SIGNED_OUT, type FakeCore } from '../fakes/core'

const signedIn = (connection: CoreStatus['connection'], method = 'browser'): CoreStatus => ({
  ...LIVE,
  auth: { ...LIVE.auth, method } as CoreStatus['auth'],
  connection
})

interface Setup {
  fake: FakeCore
  tray: SystemTray
  instance: TrayMock
  menu: () => MenuItemConstructorOptions[]
  click: (label: string) => void
  showWindow: ReturnType<typeof vi.fn>
  quit: ReturnType<typeof vi.fn>
  log: ReturnType<typeof vi.fn>
}

function setup(initial: CoreStatus = SIGNED_OUT): Setup {
  const fake = fakeCore(initial)
  const showWindow = vi.fn()
  const quit = vi.fn()
  const log = vi.fn()
  const tray = createSystemTray({
    createTrayInstance: () => new TrayMock('tray.png'),
    buildMenu: (template) => MenuMock.buildFromTemplate(template) as unknown as Menu,
    core: fake.core,
    showWindow,
    quit,
    log
  })
  const instance = TrayMock.instances[0]
  if (instance === undefined) throw new Error('no tray was created')
  /** The items of the menu the tray shows now. */
  const menu = (): MenuItemConstructorOptions[] => {
    const last = instance.setContextMenu.mock.lastCall?.[0] as MenuMock | undefined
    return (last?.items ?? []) as MenuItemConstructorOptions[]
  }
  const click = (label: string): void => {
    const item = menu().find((i) => i.label === label)
    if (item?.click === undefined) throw new Error(`no clickable "${label}"`)
    ;(item.click as () => void)()
  }
  return { fake, tray, instance, menu, click, showWindow, quit, log }
}

describe('trayTooltip', () => {
  it.each([
    [SIGNED_OUT, 'Ringside — signed out'],
    [
      {
        ...SIGNED_OUT,
        auth: { status: 'signed-out-with-reason', reason: { code: 'x', message: 'y' } }
      },
      'Ringside — signed out'
    ],
    [{ ...SIGNED_OUT, auth: { status: 'signing-in', method: 'browser' } }, 'Ringside — signing in'],
    [
      signedIn({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 }),
      'Ringside — live'
    ],
    [
      signedIn({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 }, 'demo'),
      'Ringside — live (demo)'
    ],
    [signedIn({ status: 'connecting', attempt: 1 }), 'Ringside — connecting'],
    [
      signedIn({ status: 'recovering', attempt: 2, reason: 'socket closed' }),
      'Ringside — recovering'
    ],
    [signedIn({ status: 'rate-limited', retryAt: 9 }), 'Ringside — recovering'],
    [signedIn({ status: 'offline', reason: 'no network' }), 'Ringside — offline'],
    [signedIn({ status: 'stopped', reason: 'revoked' }), 'Ringside — offline']
  ] as Array<[CoreStatus, string]>)('%#: %s', (status, text) => {
    expect(trayTooltip(status)).toBe(text)
  })
})

describe('createSystemTray', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('follows the connection state in its tooltip', () => {
    const { fake, instance } = setup()
    expect(instance.setToolTip).toHaveBeenLastCalledWith('Ringside — signed out')

    fake.setStatus(signedIn({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 }))
    expect(instance.setToolTip).toHaveBeenLastCalledWith('Ringside — live')
    fake.setStatus(signedIn({ status: 'recovering', attempt: 1, reason: 'x' }))
    expect(instance.setToolTip).toHaveBeenLastCalledWith('Ringside — recovering')
    fake.setStatus(signedIn({ status: 'offline', reason: 'x' }))
    expect(instance.setToolTip).toHaveBeenLastCalledWith('Ringside — offline')
    fake.setStatus(signedIn({ status: 'offline', reason: 'x' }))
    expect(instance.setToolTip).toHaveBeenCalledTimes(4)
  })

  it('offers the demo while signed out, and sign-out while signed in', () => {
    const { fake, menu, instance } = setup()
    expect(menu().map((i) => i.label ?? i.type)).toEqual([
      'Show Ringside',
      'Pause pop-ups',
      'Try the demo',
      'separator',
      'Quit Ringside'
    ])

    fake.setStatus(signedIn({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 }))
    expect(menu().map((i) => i.label ?? i.type)).toContain('Sign out')
    // Connection changes alone do not rebuild the menu.
    fake.setStatus(signedIn({ status: 'offline', reason: 'x' }))
    expect(instance.setContextMenu).toHaveBeenCalledTimes(2)
  })

  it('runs the right core method for each item', async () => {
    const { fake, click, showWindow, quit } = setup()

    click('Show Ringside')
    expect(showWindow).toHaveBeenCalledTimes(1)
    click('Try the demo')
    expect(fake.spies.signInDemo).toHaveBeenCalledTimes(1)

    fake.setStatus(LIVE)
    click('Sign out')
    expect(fake.spies.signOut).toHaveBeenCalledTimes(1)
    click('Quit Ringside')
    expect(quit).toHaveBeenCalledTimes(1)
  })

  it('survives a demo that fails to start', async () => {
    const { fake, click, log, showWindow } = setup()
    fake.spies.signInDemo.mockRejectedValue(new Error('port in use'))

    click('Try the demo')
    await new Promise((resolve) => setImmediate(resolve))

    expect(showWindow).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledExactlyOnceWith('[tray] the demo did not start (Error)')
  })

  it('shows the window on a click on the icon', () => {
    const { instance, showWindow } = setup()
    instance.emit('click')
    expect(showWindow).toHaveBeenCalledTimes(1)
  })

  it('stops following the core and removes the icon on dispose', () => {
    const { fake, tray, instance } = setup()
    tray.dispose()
    expect(instance.destroy).toHaveBeenCalledTimes(1)
    expect(fake.listenerCounts().status).toBe(0)
  })
})

describe('tray states', () => {
  const live = signedIn({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 })

  it.each([
    [{ status: SIGNED_OUT, ringing: 0, held: 0 }, 'signed-out', 'Ringside — signed out'],
    [
      { status: signedIn({ status: 'offline', reason: 'x' }), ringing: 2, held: 1 },
      'offline',
      'Ringside — offline'
    ],
    [
      { status: signedIn({ status: 'recovering', attempt: 1, reason: 'x' }), ringing: 0, held: 0 },
      'offline',
      'Ringside — recovering'
    ],
    [
      { status: live, ringing: 2, held: 0, phone: 'unregistered' as const },
      'phone-unregistered',
      'Ringside — phone not registered'
    ],
    [{ status: live, ringing: 2, held: 1 }, 'ringing', 'Ringside — 2 lines ringing'],
    [{ status: live, ringing: 1, held: 0 }, 'ringing', 'Ringside — 1 line ringing'],
    [{ status: live, ringing: 0, held: 1 }, 'held', 'Ringside — 1 held call waiting'],
    [{ status: live, ringing: 0, held: 0 }, 'idle', 'Ringside — live']
  ])('%#: %s', (facts, state, tooltip) => {
    expect(trayPresentation(facts)).toEqual({ state, tooltip })
  })

  it('ships an icon, a macOS template and a Windows .ico for every state', () => {
    for (const state of TRAY_STATES) {
      for (const file of [
        `${state}.png`,
        `${state}@2x.png`,
        `${state}Template.png`,
        `${state}.ico`
      ])
        expect(existsSync(join('resources/tray', file)), file).toBe(true)
    }
  })

  it('sets the icon per state, counts calls not lines, and toggles DND and pauses from the menu', () => {
    resetElectronMock()
    const fake = fakeCore(live)
    const setOwnDnd = vi.fn(async () => undefined)
    const call = ringing()
    let snapshot = { ringingLines: [] as RingingItem[], heldCalls: [] as RingingItem[] }
    Object.assign(fake.core, { setOwnDnd, snapshot: () => snapshot })
    let paused = false
    const iconFor = vi.fn((state: string) => `icon:${state}`)
    createSystemTray({
      createTrayInstance: () => new TrayMock('tray.png'),
      buildMenu: (template) => MenuMock.buildFromTemplate(template) as unknown as Menu,
      iconFor,
      core: fake.core,
      popups: { paused: () => paused, setPaused: (p) => (paused = p) },
      showWindow: vi.fn(),
      quit: vi.fn()
    })
    const instance = TrayMock.instances[0]!
    expect(instance.setImage).toHaveBeenLastCalledWith('icon:idle')

    // One queue call ringing two lines is one call.
    snapshot = {
      ringingLines: [call, { ...call, id: '202:s-1', extensionId: '202' }],
      heldCalls: []
    }
    fake.emitPatches([])
    expect(instance.setImage).toHaveBeenLastCalledWith('icon:ringing')
    expect(instance.setToolTip).toHaveBeenLastCalledWith('Ringside — 1 line ringing')

    const items = (): MenuItemConstructorOptions[] =>
      ((instance.setContextMenu.mock.lastCall?.[0] as MenuMock).items ??
        []) as MenuItemConstructorOptions[]
    const click = (label: string): void =>
      (items().find((i) => i.label === label)!.click as () => void)()
    click('Do not disturb')
    expect(setOwnDnd).toHaveBeenCalledExactlyOnceWith('DoNotAcceptAnyCalls')
    click('Pause pop-ups')
    expect(paused).toBe(true)
    expect(items().find((i) => i.label === 'Pause pop-ups')?.checked).toBe(true)
    fake.spies.ownDnd.mockReturnValue('DoNotAcceptAnyCalls')
    fake.emitPatches([])
    expect(items().find((i) => i.label === 'Do not disturb')?.checked).toBe(true)
    click('Do not disturb')
    expect(setOwnDnd).toHaveBeenLastCalledWith('TakeAllCalls')
  })
})
