/**
 * The pipeline's gap signal through the whole core: the pipeline is built with the core, the
 * account's runner only at sign-in, and a presence sequence hole that stays open must still reach
 * that runner as one resync with reason 'gap'.
 */
import { describe, expect, it } from 'vitest'
import type { CoreStatus } from '../../../../src/main/core/core'
import { DEFAULT_GAP_GRACE_MS } from '../../../../src/main/core/pipeline'
import { startCoreRig, waitFor } from './rig'

describe('the gap signal through the core', () => {
  it('reaches the runner created at sign-in as exactly one resync', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(
      () => rig.core.status().connection.status === 'live' && rig.core.status().resync.at !== null,
      'a live connection and the first resync'
    )
    const gapResyncs: CoreStatus['resync'][] = []
    rig.core.onStatus((s) => {
      const last = gapResyncs.at(-1)
      if (s.resync.reason === 'gap' && s.resync !== last) gapResyncs.push(s.resync)
    })
    const e = rig.emulator()
    const agent = e.agentExtensionId
    const sequence = e.engine.presence(agent)!.sequence
    const sub = e.platform.control.subscriptions()[0]!
    const frame = (seq: number): string =>
      JSON.stringify([
        { type: 'ServerNotification', messageId: 'm', status: 200, headers: {} },
        {
          uuid: `gap-${seq}-${Math.random()}`,
          event: `/restapi/v1.0/account/${e.accountId}/extension/${agent}/presence?detailedTelephonyState=true&sipData=true`,
          timestamp: new Date().toISOString(),
          subscriptionId: sub.id,
          ownerId: agent,
          body: { extensionId: agent, sequence: seq }
        }
      ])
    // The first sighting after the resync sets the mark; then two notifications go missing.
    e.platform.control.rawFrame('all', frame(sequence + 1))
    e.platform.control.rawFrame('all', frame(sequence + 4))
    await waitFor(
      () => gapResyncs.some((r) => !r.running && r.at !== null),
      'the gap resync',
      DEFAULT_GAP_GRACE_MS + 5_000
    )
    // The hole stays open, yet the signal does not repeat: counting starts afresh after it.
    await new Promise((r) => setTimeout(r, DEFAULT_GAP_GRACE_MS + 500))
    expect(gapResyncs.filter((r) => r.running)).toHaveLength(1)
    expect(rig.core.status().resync).toMatchObject({ running: false, reason: 'gap' })
  }, 20_000)
})
