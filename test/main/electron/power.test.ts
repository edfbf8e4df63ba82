import { beforeEach, describe, expect, it, vi } from 'vitest'
import { net, powerMonitor, resetElectronMock } from '../../setup/electron-mock'
import { createPowerEvents, type ElectronPowerEvents } from '../../../src/main/electron/power'

interface Setup {
  power: ElectronPowerEvents
  clearInterval: ReturnType<typeof vi.fn>
  poll: () => void
  advance: (ms: number) => void
  polling: () => boolean
}

function setup(onListenerError?: (error: unknown) => void): Setup {
  let tick: (() => void) | undefined
  let now = 0
  const clearInterval = vi.fn()
  const power = createPowerEvents({
    ...(onListenerError === undefined ? {} : { onListenerError }),
    powerMonitor,
    isOnline: () => net.isOnline(),
    pollMs: 5_000,
    setInterval: (fn) => {
      tick = fn
      return { unref: vi.fn() } as unknown as NodeJS.Timeout
    },
    clearInterval,
    now: () => now
  })
  return {
    power,
    clearInterval,
    poll: () => tick?.(),
    advance: (ms: number) => {
      now += ms
    },
    polling: () => tick !== undefined
  }
}

describe('createPowerEvents', () => {
  beforeEach(() => {
    resetElectronMock()
    net.isOnline.mockReturnValue(true)
  })

  it('reports resume and unlock, once per wake', () => {
    const { power, advance } = setup()
    const listener = vi.fn()
    power.onResume(listener)

    powerMonitor.emit('resume')
    powerMonitor.emit('unlock-screen')
    expect(listener).toHaveBeenCalledTimes(1)

    advance(60_000)
    powerMonitor.emit('unlock-screen')
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('reports network changes found by polling, and only changes', () => {
    const { power, poll } = setup()
    const listener = vi.fn()
    power.onNetworkChange(listener)

    poll()
    net.isOnline.mockReturnValue(false)
    poll()
    poll()
    net.isOnline.mockReturnValue(true)
    poll()

    expect(listener.mock.calls).toEqual([[false], [true]])
  })

  it('says whether the OS is online now, before any change is reported', () => {
    const { power } = setup()
    expect(power.isOnline?.()).toBe(true)
    net.isOnline.mockReturnValue(false)
    expect(power.isOnline?.()).toBe(false)
  })

  it('checks the network at once on wake', () => {
    const { power } = setup()
    const listener = vi.fn()
    power.onNetworkChange(listener)
    net.isOnline.mockReturnValue(false)

    powerMonitor.emit('resume')

    expect(listener).toHaveBeenCalledExactlyOnceWith(false)
  })

  it('unsubscribes, and stops polling when nobody listens', () => {
    const { power, poll, clearInterval } = setup()
    const resume = vi.fn()
    const network = vi.fn()
    const offResume = power.onResume(resume)
    const offNetwork = power.onNetworkChange(network)

    offResume()
    offNetwork()
    powerMonitor.emit('resume')
    net.isOnline.mockReturnValue(false)
    poll()

    expect(resume).not.toHaveBeenCalled()
    expect(network).not.toHaveBeenCalled()
    expect(clearInterval).toHaveBeenCalledTimes(1)
  })

  it('runs every listener when one throws, and reports the error instead of throwing it', () => {
    const errors: unknown[] = []
    const { power, poll } = setup((e) => errors.push(e))
    const boom = new Error('boom')
    const resume = vi.fn()
    const network = vi.fn()
    power.onResume(() => {
      throw boom
    })
    power.onResume(resume)
    power.onNetworkChange(() => {
      throw boom
    })
    power.onNetworkChange(network)

    expect(() => powerMonitor.emit('resume')).not.toThrow()
    net.isOnline.mockReturnValue(false)
    expect(() => poll()).not.toThrow()

    expect(resume).toHaveBeenCalledTimes(1)
    expect(network).toHaveBeenCalledExactlyOnceWith(false)
    expect(errors).toEqual([boom, boom])
  })

  it('does not poll before anyone listens, and leaves powerMonitor clean on dispose', () => {
    const { power, polling } = setup()
    expect(polling()).toBe(false)

    power.dispose()

    expect(powerMonitor.listenerCount('resume')).toBe(0)
    expect(powerMonitor.listenerCount('unlock-screen')).toBe(0)
  })
})
