import { describe, expect, it } from 'vitest'
import { MONITORED_LINES_PATH, setMonitoredLines } from '../../../../src/main/core/lines/monitored'
import { createRestClient } from '../../../../src/main/core/rest'
import { startCallRig } from '../calls/rig'
import { fakePlatform } from '../rest/fake-platform'

/** The line-presence PUT: its body, and what a refusal looks like to the caller. */

describe('setMonitoredLines', () => {
  it('PUTs the whole list as line records naming the extension, never a line id', async () => {
    const platform = fakePlatform({ status: 200, body: { records: [] } })
    await setMonitoredLines(createRestClient({ platform: () => platform }), ['101', '102'])
    expect(platform.sent.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: 'PUT',
        path: '/restapi/v1.0/account/~/extension/~/presence/line',
        body: {
          records: [{ extension: { id: '101' } }, { extension: { id: '102' } }]
        }
      }
    ])
    expect(MONITORED_LINES_PATH).toBe('/restapi/v1.0/account/~/extension/~/presence/line')
  })

  it('replaces the lines the emulator monitors for the agent', async () => {
    const rig = await startCallRig()
    const agent = rig.emu.agentExtensionId
    const next = [...rig.emu.engine.lines(agent)].reverse().slice(0, 2)
    await setMonitoredLines(rig.rest, next)
    expect(rig.emu.engine.lines(agent)).toEqual(next)
  })

  it("rejects with RingCentral's text, the failure as the cause, when the list is refused", async () => {
    const rig = await startCallRig()
    rig.emu.control.setRateLimits({ limits: { medium: 0 }, penaltySeconds: 5 })
    const rest = createRestClient({ platform: rig.platform, maxRateLimitWaits: 0 })
    const refused = setMonitoredLines(rest, [])
    await expect(refused).rejects.toThrow('Request rate exceeded')
    await expect(refused).rejects.toMatchObject({
      cause: { kind: 'http', status: 429, retryAfterMs: 5_000 }
    })
  })
})
