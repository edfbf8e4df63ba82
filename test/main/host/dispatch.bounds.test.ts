/**
 * Every size bound of the IPC contract through the real `dispatch`: at the limit the handler runs
 * with the argument, one over it the call is refused with `invalid-argument`, the path and the
 * limit, and the handler never runs, so nothing the argument asked for happens. The rows are in
 * test/support/bounds.ts; the transport tests replay the stateful ones against the emulator.
 */
import * as t from 'io-ts'
import { describe, expect, it, vi } from 'vitest'
import { dispatch, type Handlers } from '../../../src/main/host/dispatch'
import { CHANNELS, type Channel, contract } from '../../../src/shared/ipc/contract'
import { BOUND_ROWS, idsOf } from '../../support/bounds'

const spies = (): Record<Channel, ReturnType<typeof vi.fn>> =>
  Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(() => null)])) as Record<
    Channel,
    ReturnType<typeof vi.fn>
  >

const bounded = CHANNELS.filter((c) => BOUND_ROWS[c].length > 0)

describe.each(bounded)('%s', (channel) => {
  it.each(BOUND_ROWS[channel])('$what: at the limit passes, one over is refused', async (row) => {
    const handlers = spies()
    const run = (args: readonly unknown[]): Promise<unknown> =>
      dispatch(handlers as unknown as Handlers, channel, args)

    expect(await run(row.at)).toEqual({ ok: true, value: null })
    expect(handlers[channel]).toHaveBeenCalledExactlyOnceWith(...row.at)

    expect(await run(row.over)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: row.message }
    })
    expect(handlers[channel]).toHaveBeenCalledTimes(1)
  })
})

describe('bounds', () => {
  it('every channel that takes arguments has rows', () => {
    const takesArguments = CHANNELS.filter((c) => {
      const args: t.Mixed = contract[c].args
      return args instanceof t.TupleType && (args.types as readonly unknown[]).length > 0
    })
    expect(bounded).toEqual(takesArguments)
  })

  it("refuses the review's 250,000 line ids", async () => {
    const handlers = spies()
    const result = await dispatch(handlers as unknown as Handlers, 'lines:set-monitored', [
      idsOf(250_000)
    ])
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'lines:set-monitored: [0]: at most 100 lines, got 250000'
      }
    })
    expect(handlers['lines:set-monitored']).not.toHaveBeenCalled()
  })

  it('drops keys the contract does not name, at every level, before the handler', async () => {
    const handlers = spies()
    const junk = 'x'.repeat(100_000)
    const result = await dispatch(handlers as unknown as Handlers, 'settings:update', [
      {
        theme: 'dark',
        junk,
        notifications: {
          enabled: true,
          lines: 'all',
          selectedLines: [],
          queueCallsOnly: false,
          quietWhenDnd: true,
          junk
        },
        subscription: { accountPresence: true, accountSessions: { enabled: true, junk }, junk }
      }
    ])
    expect(result).toEqual({ ok: true, value: null })
    expect(handlers['settings:update']).toHaveBeenCalledExactlyOnceWith({
      theme: 'dark',
      notifications: {
        enabled: true,
        lines: 'all',
        selectedLines: [],
        queueCallsOnly: false,
        quietWhenDnd: true
      },
      subscription: { accountPresence: true, accountSessions: { enabled: true } }
    })
    await dispatch(handlers as unknown as Handlers, 'sign-in:submit-jwt', [
      { jwt: 'j', clientId: 'c', junk }
    ])
    expect(handlers['sign-in:submit-jwt']).toHaveBeenCalledExactlyOnceWith({
      jwt: 'j',
      clientId: 'c'
    })
  })

  it('a wrong shape is still bad-arguments, even next to a value over its bound', async () => {
    const handlers = spies()
    expect(
      await dispatch(handlers as unknown as Handlers, 'calls:hold', ['7'.repeat(129), 42])
    ).toMatchObject({ ok: false, error: { code: 'bad-arguments' } })
    expect(
      await dispatch(handlers as unknown as Handlers, 'lines:set-monitored', [['../1']])
    ).toMatchObject({ ok: false, error: { code: 'bad-arguments' } })
    expect(handlers['calls:hold']).not.toHaveBeenCalled()
    expect(handlers['lines:set-monitored']).not.toHaveBeenCalled()
  })
})
