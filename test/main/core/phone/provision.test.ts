import { describe, expect, it } from 'vitest'
import { chooseDevice, type AgentDevice } from '../../../../src/main/core/calls'
import { supportBundle } from '../../../../src/main/core/diagnostics/support-bundle'
import {
  createPhoneProvisioning,
  SIP_PROVISION_PATH
} from '../../../../src/main/core/phone/provision'
import { createRestClient } from '../../../../src/main/core/rest'
import { PhoneSetup } from '../../../../src/shared/phone/provision'
import { routedPlatform, type Reply } from '../rest/fake-platform'

/** The platform's answer, shaped as docs/phone.md#sip-provision shows it, with extras. */
const PROVISION = {
  device: { id: '802398804016', type: 'WebPhone', extension: { extensionNumber: '115' } },
  sipInfo: [
    {
      transport: 'WSS',
      username: '17203861294*115',
      password: 'p4ss-W0rd-secret',
      authorizationId: '802398804016',
      domain: 'sip.ringcentral.com',
      outboundProxy: '127.0.0.1:5443',
      outboundProxyBackup: '127.0.0.1:5443',
      stunServers: [],
      authorizationTypes: ['SipDigest'],
      certificate: 'not for the renderer'
    }
  ],
  sipInfoPstn: [],
  sipFlags: { voipFeatureEnabled: true },
  sipErrorCodes: ['408']
}

function rig(reply: (body: unknown) => Reply): {
  platform: ReturnType<typeof routedPlatform>
  phone: ReturnType<typeof createPhoneProvisioning>
} {
  const platform = routedPlatform({
    post: (path, body) => (path === SIP_PROVISION_PATH ? reply(body) : { status: 404 })
  })
  const rest = createRestClient({ platform: () => platform })
  return { platform, phone: createPhoneProvisioning({ rest, instanceId: () => 'inst-1' }) }
}

describe('phone provisioning', () => {
  it('asks for WSS once, decodes the answer, and hands on only what the phone uses', async () => {
    const { platform, phone } = rig(() => ({ status: 200, body: PROVISION }))
    const [a, b] = await Promise.all([phone.setup(), phone.setup()])
    expect(platform.sent).toHaveLength(1)
    expect(platform.sent[0]?.body).toEqual({ sipInfo: [{ transport: 'WSS' }] })
    expect(a).toEqual(b)
    if (!a.ok) throw new Error('expected success')
    expect(PhoneSetup.is(a.value)).toBe(true)
    expect(a.value.instanceId).toBe('inst-1')
    expect(JSON.stringify(a.value)).not.toContain('not for the renderer')
    expect(JSON.stringify(a.value)).not.toContain('sipFlags')
    expect(phone.deviceId()).toBe('802398804016')
  })

  it('refuses a proxy that could bend the CSP or the URL, and does not keep the failure', async () => {
    let proxy = "127.0.0.1:5443; script-src 'unsafe-inline'"
    const { platform, phone } = rig(() => ({
      status: 200,
      body: { ...PROVISION, sipInfo: [{ ...PROVISION.sipInfo[0], outboundProxy: proxy }] }
    }))
    const bad = await phone.setup()
    expect(!bad.ok && bad.error.message).toBe(
      'RingCentral sent SIP credentials Ringside cannot read.'
    )
    proxy = '127.0.0.1:5443'
    expect((await phone.setup()).ok).toBe(true)
    expect(platform.sent).toHaveLength(2)
  })

  it('names the missing permission when the platform refuses', async () => {
    const { phone } = rig(() => ({
      status: 403,
      body: {
        errorCode: 'CMN-401',
        message:
          'In order to call this API endpoint, application needs to have [VoipCalling] permission',
        permissionName: 'VoipCalling'
      }
    }))
    const r = await phone.setup()
    expect(!r.ok && r.error).toMatchObject({ code: 'no-permission', message: /VoipCalling/ })
  })

  it('the password is a secret the support bundle removes wherever it appears', async () => {
    const { phone } = rig(() => ({ status: 200, body: PROVISION }))
    await phone.setup()
    expect(phone.secrets()).toEqual(['p4ss-W0rd-secret'])
    const entry = { note: 'sip said p4ss-W0rd-secret' }
    const bundle = supportBundle([], { app: 'Ringside', version: '0', extra: entry } as never, {
      secrets: phone.secrets()
    })
    expect(bundle).not.toContain('p4ss-W0rd-secret')
    phone.reset()
    expect(phone.secrets()).toEqual([])
    expect(phone.deviceId()).toBeUndefined()
  })
})

describe('chooseDevice with this computer', () => {
  const web: AgentDevice = {
    id: 'w',
    name: "Björn's web phone",
    type: 'WebPhone',
    status: 'Online'
  }
  const desk: AgentDevice = { id: 'd', name: 'Desk phone', type: 'HardPhone', status: 'Online' }

  it('is the default while its phone is registered, named "this computer"', () => {
    expect(chooseDevice([desk, web], undefined, { deviceId: 'w', registered: true })).toEqual({
      device: { ...web, name: 'this computer' },
      reason: 'default'
    })
  })
  it('is never chosen while no phone runs here, even though it ranks first', () => {
    expect(chooseDevice([desk, web], undefined, { deviceId: 'w', registered: false })).toEqual({
      device: desk,
      reason: 'default'
    })
  })
  it("the agent's own choice in settings still wins", () => {
    expect(chooseDevice([desk, web], 'd', { deviceId: 'w', registered: true })?.device).toEqual(
      desk
    )
  })
})
