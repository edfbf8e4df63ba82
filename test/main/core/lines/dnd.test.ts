import { describe, expect, it } from 'vitest'
import { OWN_PRESENCE_PATH, setOwnDnd } from '../../../../src/main/core/lines/dnd'
import { createRestClient } from '../../../../src/main/core/rest'
import { startCallRig } from '../calls/rig'

/** The tray's "Do not disturb": RingCentral's presence API, judged by the emulator's truth. */
describe('setOwnDnd', () => {
  it("sets and clears the agent's DND on the platform through the presence PUT", async () => {
    const rig = await startCallRig()
    const agent = rig.emu.agentExtensionId

    await setOwnDnd(rig.rest, 'DoNotAcceptAnyCalls')
    expect(rig.emu.engine.presence(agent)?.dndStatus).toBe('DoNotAcceptAnyCalls')
    await setOwnDnd(rig.rest, 'TakeAllCalls')
    expect(rig.emu.engine.presence(agent)?.dndStatus).toBe('TakeAllCalls')
    expect(OWN_PRESENCE_PATH).toBe('/restapi/v1.0/account/~/extension/~/presence')
  })

  it("rejects with RingCentral's text, the failure as the cause, when refused", async () => {
    const rig = await startCallRig()
    rig.emu.control.setRateLimits({ limits: { medium: 0 }, penaltySeconds: 5 })
    const rest = createRestClient({ platform: rig.platform, maxRateLimitWaits: 0 })
    const refused = setOwnDnd(rest, 'DoNotAcceptAnyCalls')
    await expect(refused).rejects.toThrow('Request rate exceeded')
    await expect(refused).rejects.toMatchObject({ cause: { kind: 'http', status: 429 } })
    expect(rig.emu.engine.presence(rig.emu.agentExtensionId)?.dndStatus).not.toBe(
      'DoNotAcceptAnyCalls'
    )
  })
})
