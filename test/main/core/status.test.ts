import { describe, expect, it } from 'vitest'
import { type CoreStatus, createStatusBoard } from '../../../src/main/core/status'
import { createManualClock } from './auth/support/manual-clock'

describe('the status board', () => {
  it('aggregates what the runner reports and tells every listener, even past a throwing one', () => {
    const clock = createManualClock(5_000)
    const board = createStatusBoard({ status: 'signed-out' }, clock)
    const seen: CoreStatus[] = []
    board.onChange(() => {
      throw new Error('a broken view')
    })
    const off = board.onChange((s) => seen.push(s))
    board.connection({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 })
    board.problems(['favorites: 503'])
    board.resync({ running: true, reason: 'gap', at: null })
    board.rateLimited(60_000)
    expect(board.current()).toMatchObject({
      auth: { status: 'signed-out' },
      connection: { status: 'live' },
      problems: ['favorites: 503'],
      resync: { running: true, reason: 'gap', at: null },
      rateLimitedUntil: 65_000
    })
    expect(seen).toHaveLength(4)
    off()
    board.disabled([])
    expect(seen).toHaveLength(4)
  })

  it('counts connection problems without announcing them, and hands out copies', () => {
    const board = createStatusBoard({ status: 'signed-out' }, createManualClock())
    let changes = 0
    board.onChange(() => changes++)
    board.connectionProblem('malformed-frame', '{"garbage":')
    board.connectionProblem('malformed-frame', '{')
    board.connectionProblem('terminated', 'silent')
    const counts = board.connectionProblems()
    expect(counts).toEqual({ 'malformed-frame': 2, terminated: 1 })
    expect(changes).toBe(0)
    ;(counts as Record<string, number>)['terminated'] = 99
    expect(board.connectionProblems()['terminated']).toBe(1)
  })

  it('drops the old account at sign-out but keeps the resync history and the counts', () => {
    const board = createStatusBoard({ status: 'signed-out' }, createManualClock())
    board.connection({ status: 'live', since: 1, lastHeardAt: 1, silenceLimitMs: 8_000 })
    board.disabled([{ feature: 'favorites', message: 'no favorites' }])
    board.problems(['x'])
    board.resync({ running: false, reason: 'gap', at: '2026-01-01T00:00:00.000Z' })
    board.connectionProblem('terminated', 'silent')
    board.accountCleared()
    expect(board.current()).toMatchObject({
      connection: { status: 'idle' },
      disabled: [],
      problems: [],
      resync: { reason: 'gap' }
    })
    expect(board.connectionProblems()).toEqual({ terminated: 1 })
  })
})
