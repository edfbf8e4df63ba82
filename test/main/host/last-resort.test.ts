import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { createFaultLog, supportBundle } from '../../../src/main/core/diagnostics'
import type { FaultKind, FaultLog } from '../../../src/main/core/diagnostics'
import {
  coreRecovery,
  faultLine,
  installLastResort,
  RESTART_INTERVAL_MS
} from '../../../src/main/host/last-resort'
import { createManualClock, type ManualClock } from '../core/auth/support/manual-clock'

/**
 * The guard itself, on an EventEmitter standing in for `process`: a real uncaught exception in the
 * test runner would be the runner's own failure. test/main/core/integration/reset-proxy.test.ts
 * and test/main/cli/core-runner.test.ts show it in a real process.
 */
interface Rig {
  readonly proc: EventEmitter
  readonly clock: ManualClock
  readonly faults: FaultLog
  readonly recorded: Array<{ kind: FaultKind; error: unknown }>
  readonly lines: string[]
  readonly restart: ReturnType<typeof vi.fn>
  readonly uninstall: () => void
}

function rig(overrides: { record?: () => void; restart?: () => void; log?: () => void } = {}): Rig {
  const proc = new EventEmitter()
  const clock = createManualClock()
  const faults = createFaultLog()
  const recorded: Array<{ kind: FaultKind; error: unknown }> = []
  const lines: string[] = []
  const restart = vi.fn(overrides.restart ?? ((): void => undefined))
  const uninstall = installLastResort({
    process: proc,
    record:
      overrides.record ??
      ((kind, error) => {
        recorded.push({ kind, error })
        faults.record(kind, error, new Date(clock.now()).toISOString())
      }),
    restart,
    log: overrides.log ?? ((line) => lines.push(line)),
    clock
  })
  return { proc, clock, faults, recorded, lines, restart, uninstall }
}

describe('installLastResort', () => {
  it('records an uncaught exception with its stack, logs one line and restarts once', () => {
    const r = rig()
    const error = new TypeError('Cannot read properties of undefined (reading "parties")')

    r.proc.emit('uncaughtException', error)

    expect(r.recorded).toEqual([{ kind: 'uncaught-exception', error }])
    expect(r.faults.entries()).toMatchObject([
      {
        kind: 'uncaught-exception',
        errorName: 'TypeError',
        stack: expect.stringContaining('TypeError')
      }
    ])
    expect(r.lines).toEqual([
      '[last-resort] uncaught exception: TypeError: Cannot read properties of undefined ' +
        '(reading "…"); kept running, recorded in Diagnostics, recovering'
    ])
    expect(r.restart).toHaveBeenCalledTimes(1)
  })

  it('keeps caller data and tokens out of the log line, but not out of the record', () => {
    const r = rig()
    const error = new Error(
      `Unexpected token 'É', "Élodie Bernard +33612345678" is not valid JSON; Bearer U0pDMTFQMDFQQVMwMHxBQUJ`
    )
    r.proc.emit('uncaughtException', error)
    const [line] = r.lines
    expect(line).not.toContain('Élodie')
    expect(line).not.toContain('612345678')
    expect(line).not.toContain('U0pDMTFQ')
    expect(line).toContain('is not valid JSON')
    expect(r.faults.entries()[0]?.message).toBe(error.message)
    // The support bundle redacts the record like every other line.
    const bundle = supportBundle([], {}, {}, r.faults.entries())
    expect(bundle).toContain('"type":"fault"')
    expect(bundle).not.toContain('U0pDMTFQ')
  })

  it('takes rejections of anything: strings, undefined, objects that cannot be printed', () => {
    const r = rig()
    const unprintable = {
      toJSON: () => {
        throw new Error('no JSON')
      },
      toString: () => {
        throw new Error('no string')
      }
    }
    for (const reason of ['plain text', undefined, unprintable, Symbol('s')]) {
      expect(() => r.proc.emit('unhandledRejection', reason)).not.toThrow()
    }
    expect(r.faults.entries().map((f) => f.kind)).toEqual(Array(4).fill('unhandled-rejection'))
    expect(r.faults.entries().map((f) => f.errorName)).toEqual([
      'string',
      'undefined',
      'unreadable',
      'symbol'
    ])
    expect(r.lines[0]).toBe(
      '[last-resort] unhandled rejection: string: plain text; kept running, recorded in ' +
        'Diagnostics, recovering'
    )
  })

  it('records a burst in full but logs and restarts once per interval', () => {
    const r = rig()
    for (let i = 0; i < 100; i++) r.proc.emit('uncaughtException', new Error(`loop ${i}`))
    expect(r.faults.entries()).toHaveLength(50) // the log's capacity; the newest are kept
    expect(r.faults.entries().at(-1)?.seq).toBe(99)
    expect(r.lines).toHaveLength(1)
    expect(r.restart).toHaveBeenCalledTimes(1)

    r.clock.advance(RESTART_INTERVAL_MS)
    expect(r.lines.at(-1)).toBe(
      '[last-resort] 99 more uncaught error(s) recorded in Diagnostics; recovering again'
    )
    expect(r.restart).toHaveBeenCalledTimes(2)

    // Quiet again: the next fault is logged and restarts at once.
    r.clock.advance(RESTART_INTERVAL_MS)
    r.proc.emit('unhandledRejection', new Error('later'))
    expect(r.lines).toHaveLength(3)
    expect(r.restart).toHaveBeenCalledTimes(3)
  })

  it('never throws out of the handler, even when recording, restarting and logging throw', () => {
    const boom = (): never => {
      throw new RangeError('broken')
    }
    const lines: string[] = []
    let logCalls = 0
    const r = rig({
      record: boom,
      restart: boom,
      log: ((line: string) => {
        logCalls++
        // The fault's own line fails; the lines about the failures get through.
        if (logCalls === 2) boom()
        lines.push(line)
      }) as () => void
    })
    expect(() => r.proc.emit('uncaughtException', new Error('first'))).not.toThrow()
    expect(lines).toEqual([
      '[last-resort] recording the error failed (RangeError)',
      '[last-resort] logging failed (RangeError)',
      '[last-resort] recovering failed (RangeError)'
    ])
  })

  it('is removed by the function it returns, timer included', () => {
    const r = rig()
    r.proc.emit('uncaughtException', new Error('one'))
    r.proc.emit('uncaughtException', new Error('two'))
    r.uninstall()
    expect(r.proc.listenerCount('uncaughtException')).toBe(0)
    expect(r.proc.listenerCount('unhandledRejection')).toBe(0)
    expect(r.clock.pending()).toBe(0)
  })

  it('with no core yet (Electron before ready), only logs', () => {
    const proc = new EventEmitter()
    const lines: string[] = []
    const uninstall = installLastResort({
      process: proc,
      ...coreRecovery(() => undefined),
      log: (line) => lines.push(line)
    })
    proc.emit('uncaughtException', new Error('early'))
    uninstall()
    expect(lines).toEqual([faultLine('uncaught-exception', new Error('early'))])
  })
})
