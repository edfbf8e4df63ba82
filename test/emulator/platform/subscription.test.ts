import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AGENT, Harness, waitFor } from './helpers'

const h = new Harness()
afterEach(() => h.dispose())

describe('subscriptions through the real @ringcentral/subscriptions client', () => {
  it('registers, expands ~ in the reply, and delivers a published notification', async () => {
    const platform = await h.start()
    const { registered, received } = await h.subscribe([
      '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true',
      '/restapi/v1.0/account/~/telephony/sessions'
    ])
    const info = registered.subscriptionInfo
    expect(info?.eventFilters).toEqual([
      `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence?detailedTelephonyState=true&sipData=true`,
      `/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions`
    ])
    expect(info?.status).toBe('Active')
    expect(info?.uri).toBe(`/restapi/v1.0/subscription/${info?.id}`)
    expect(info?.deliveryMode).toEqual({ transportType: 'WebSocket', encryption: false })
    expect(info?.expiresIn).toBe(86399)

    const views = platform.gateway.subscriptions()
    expect(views).toHaveLength(1)
    expect(views[0]).toMatchObject({ id: info?.id, accountId: ACCOUNT_ID, ownerExtensionId: AGENT })
    expect([...views[0]!.scopes]).toContain('CallControl')

    const event = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence?detailedTelephonyState=true&sipData=true`
    const published = platform.gateway.publish((sub) => [
      {
        event,
        body: { extensionId: sub.ownerExtensionId, telephonyStatus: 'Ringing', sequence: 1 }
      }
    ])
    expect(published.map((p) => p.disposition)).toEqual(['sent'])
    await waitFor(() => received.length === 1, 'the notification')
    expect(received[0]).toEqual({
      uuid: published[0]!.uuid,
      event,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      subscriptionId: info?.id,
      ownerId: AGENT,
      body: { extensionId: AGENT, telephonyStatus: 'Ringing', sequence: 1 }
    })

    await registered.revoke()
    expect(platform.gateway.subscriptions()).toHaveLength(0)
  })

  it('control notify reaches subscriptions whose filters match, account-level included', async () => {
    const platform = await h.start()
    const { received } = await h.subscribe(['/restapi/v1.0/account/~/telephony/sessions'])
    const event = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/telephony/sessions`
    const other = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`
    expect(platform.control.notify({ event: other, body: {} })).toHaveLength(0)
    const published = platform.control.notify({ event, body: { sequence: 7 } })
    expect(published).toHaveLength(1)
    await waitFor(() => received.length === 1, 'the notification')
    expect(received[0]).toMatchObject({ uuid: published[0]!.uuid, event, body: { sequence: 7 } })
  })
})
