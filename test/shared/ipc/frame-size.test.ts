/**
 * The bridge's frame bound (`MAX_PAYLOAD_BYTES`, the WebSocket server's `maxPayload`) follows from
 * the argument bounds: the biggest request any channel accepts must fit with room to spare, and
 * anything much bigger than that is refused by the socket before a byte of it is parsed.
 */
import { describe, expect, it, vi } from 'vitest'
import { dispatch, type Handlers } from '../../../src/main/host/dispatch'
import { MAX_PAYLOAD_BYTES, requestFrame } from '../../../src/shared/ipc/bridge-protocol'
import { CHANNELS } from '../../../src/shared/ipc/contract'
import { LARGEST_ARGS } from '../../support/bounds'

/** The longest request id the protocol allows. */
const ID = 'i'.repeat(64)

describe('the frame bound', () => {
  it.each(CHANNELS)('admits the biggest %s request the contract accepts, twice over', async (c) => {
    const handlers = Object.fromEntries(CHANNELS.map((ch) => [ch, vi.fn(() => null)]))
    const args = LARGEST_ARGS[c]
    expect(await dispatch(handlers as unknown as Handlers, c, args)).toEqual({
      ok: true,
      value: null
    })
    const bytes = Buffer.byteLength(requestFrame(ID, c, args), 'utf8')
    expect(bytes * 2).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES)
  })

  it('is no bigger than it needs to be', () => {
    const biggest = Math.max(
      ...CHANNELS.map((c) => Buffer.byteLength(requestFrame(ID, c, LARGEST_ARGS[c]), 'utf8'))
    )
    // A few kilobytes of JSON at most beyond twice the biggest request; no megabyte of slack.
    expect(MAX_PAYLOAD_BYTES).toBeLessThanOrEqual(4 * biggest)
  })
})
