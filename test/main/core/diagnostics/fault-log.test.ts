import { describe, expect, it } from 'vitest'
import {
  createFaultLog,
  FAULT_TEXT_LIMIT,
  REDACTED,
  supportBundle,
  thrownFacts
} from '../../../../src/main/core/diagnostics'

describe('fault log', () => {
  it('keeps the newest faults with name, message and stack, numbered across evictions', () => {
    const log = createFaultLog(2)
    for (const n of [1, 2, 3]) log.record('uncaught-exception', new RangeError(`n=${n}`), `t${n}`)
    expect(log.entries()).toMatchObject([
      { seq: 1, at: 't2', kind: 'uncaught-exception', errorName: 'RangeError', message: 'n=2' },
      { seq: 2, at: 't3', message: 'n=3', stack: expect.stringContaining('RangeError: n=3') }
    ])
  })

  it('caps each text, so a message quoting a huge body stays small', () => {
    const facts = thrownFacts(new Error('x'.repeat(FAULT_TEXT_LIMIT * 4)))
    expect(facts.message.length).toBe(FAULT_TEXT_LIMIT + 1)
    expect(facts.message.endsWith('…')).toBe(true)
  })

  it('reads errors whose getters throw without throwing itself', () => {
    const hostile = new Error('hidden')
    Object.defineProperty(hostile, 'name', {
      get: () => {
        throw new Error('no name')
      }
    })
    expect(thrownFacts(hostile)).toEqual({ name: 'unreadable', message: '', stack: null })
    expect(thrownFacts({ code: 7 })).toEqual({ name: 'object', message: '{"code":7}', stack: null })
  })

  it('goes into the support bundle as fault lines, redacted like the rest', () => {
    const log = createFaultLog()
    const token = 'U0pDMTFQMDFQQVMwMHxBQUJ4cXg5ZlVtZw'
    log.record('unhandled-rejection', new Error(`refresh failed: access_token=${token}`), 't')
    const lines = supportBundle([], { app: 'Ringside' }, {}, log.entries())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toMatchObject({ type: 'meta', events: 0, faults: 1 })
    expect(lines[1]).toMatchObject({
      type: 'fault',
      kind: 'unhandled-rejection',
      message: `refresh failed: access_token=${REDACTED}`
    })
    expect(JSON.stringify(lines)).not.toContain(token)
  })
})
