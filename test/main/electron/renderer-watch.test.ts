import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { BrowserWindowMock, resetElectronMock } from '../../setup/electron-mock'
import { watchRenderer } from '../../../src/main/electron/renderer-watch'

afterEach(() => resetElectronMock())

function rig(): {
  window: BrowserWindowMock
  clock: { t: number }
  timers: Array<{ fn: () => void; ms: number; cancelled: boolean }>
  onGiveUp: ReturnType<typeof vi.fn>
  log: ReturnType<typeof vi.fn>
  stop: () => void
} {
  const window = new BrowserWindowMock()
  const clock = { t: 0 }
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = []
  const onGiveUp = vi.fn()
  const log = vi.fn()
  const stop = watchRenderer(window as unknown as BrowserWindow, {
    now: () => clock.t,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cancelled: false }
      timers.push(timer)
      return () => (timer.cancelled = true)
    },
    log,
    onGiveUp
  })
  return { window, clock, timers, onGiveUp, log, stop }
}

const crash = (w: BrowserWindowMock, reason = 'crashed'): void => {
  w.webContents.emit('render-process-gone', {}, { reason, exitCode: 139 })
}

describe('renderer watch', () => {
  it('reloads a crashed page, and ignores a clean exit', () => {
    const { window, log } = rig()
    crash(window, 'clean-exit')
    expect(window.webContents.reload).not.toHaveBeenCalled()
    crash(window, 'oom')
    expect(window.webContents.reload).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('oom'))
  })

  it('gives up after the fourth crash within a minute: the window goes, the agent is told', () => {
    const { window, clock, onGiveUp } = rig()
    for (let i = 0; i < 3; i++) {
      crash(window)
      clock.t += 10_000
    }
    expect(window.webContents.reload).toHaveBeenCalledTimes(3)
    crash(window)
    expect(window.webContents.reload).toHaveBeenCalledTimes(3)
    expect(window.destroy).toHaveBeenCalledTimes(1)
    expect(onGiveUp).toHaveBeenCalledTimes(1)
  })

  it('forgets crashes older than the window, so a rare crash always reloads', () => {
    const { window, clock, onGiveUp } = rig()
    for (let i = 0; i < 10; i++) {
      crash(window)
      clock.t += 30_000
    }
    expect(window.webContents.reload).toHaveBeenCalledTimes(10)
    expect(onGiveUp).not.toHaveBeenCalled()
  })

  it('kills a page that stays unresponsive, which then reloads; a page that recovers is left alone', () => {
    const { window, timers } = rig()
    window.emit('unresponsive')
    window.emit('unresponsive') // one timer, not two
    expect(timers).toHaveLength(1)
    window.emit('responsive')
    expect(timers[0]!.cancelled).toBe(true)

    window.emit('unresponsive')
    expect(timers[1]!.ms).toBe(15_000)
    timers[1]!.fn()
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    expect(window.webContents.reload).toHaveBeenCalledTimes(1)
  })

  it('stops watching', () => {
    const { window, stop } = rig()
    stop()
    crash(window)
    expect(window.webContents.reload).not.toHaveBeenCalled()
  })
})
