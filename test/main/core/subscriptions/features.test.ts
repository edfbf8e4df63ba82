import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SUBSCRIPTION_SETTINGS,
  disabledMessage,
  featureOf,
  planFilters,
  settingsError
} from '../../../../src/main/core/subscriptions/features'

describe('planFilters', () => {
  it('subscribes an agent to own, monitored and favorite presence with SIP, lists and account calls', () => {
    expect(planFilters(DEFAULT_SUBSCRIPTION_SETTINGS)).toEqual([
      {
        filter:
          '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true',
        feature: 'own-presence'
      },
      {
        filter: '/restapi/v1.0/account/~/extension/~/telephony/sessions?sipData=true',
        feature: 'own-calls'
      },
      {
        filter:
          '/restapi/v1.0/account/~/extension/~/presence/line/presence?detailedTelephonyState=true&sipData=true',
        feature: 'monitored-lines'
      },
      { filter: '/restapi/v1.0/account/~/extension/~/presence/line', feature: 'monitored-lines' },
      {
        filter:
          '/restapi/v1.0/account/~/extension/~/favorite/presence?detailedTelephonyState=true&sipData=true',
        feature: 'favorites'
      },
      { filter: '/restapi/v1.0/account/~/extension/~/favorite', feature: 'favorites' },
      {
        filter: '/restapi/v1.0/account/~/telephony/sessions?sipData=true',
        feature: 'account-sessions'
      }
    ])
  })

  it('adds account presence for supervisors and one telephony filter per chosen status', () => {
    const plan = planFilters({
      accountPresence: true,
      accountSessions: {
        enabled: true,
        direction: 'Inbound',
        phoneNumber: '+16505550101',
        statusCodes: ['Parked', 'Hold']
      }
    })
    expect(plan.filter((p) => p.feature === 'account-presence').map((p) => p.filter)).toEqual([
      '/restapi/v1.0/account/~/presence'
    ])
    expect(plan.filter((p) => p.feature === 'account-sessions').map((p) => p.filter)).toEqual([
      '/restapi/v1.0/account/~/telephony/sessions?direction=Inbound&phoneNumber=%2B16505550101&sipData=true&statusCode=Parked',
      '/restapi/v1.0/account/~/telephony/sessions?direction=Inbound&phoneNumber=%2B16505550101&sipData=true&statusCode=Hold'
    ])
  })

  it('explains bad user settings before they reach RingCentral', () => {
    expect(
      settingsError({
        accountPresence: false,
        accountSessions: { enabled: true, phoneNumber: '650-555' }
      })
    ).toMatch(/phoneNumber/)
    expect(settingsError(DEFAULT_SUBSCRIPTION_SETTINGS)).toBeUndefined()
  })
})

describe('refused filters', () => {
  const plan = planFilters({ accountPresence: true, accountSessions: { enabled: true } })

  it('map back to their feature although the platform expanded ~ to real ids', () => {
    expect(featureOf('/restapi/v1.0/account/37439510/presence', plan)).toBe('account-presence')
    expect(featureOf('/restapi/v1.0/account/37439510/telephony/sessions?sipData=true', plan)).toBe(
      'account-sessions'
    )
    expect(
      featureOf(
        '/restapi/v1.0/account/1/extension/2/presence/line/presence?detailedTelephonyState=true&sipData=true',
        plan
      )
    ).toBe('monitored-lines')
  })

  it('produce a message naming the feature and the missing permission', () => {
    expect(disabledMessage('account-presence')).toBe(
      'Ringside cannot show account presence: the app lacks the ReadAccounts permission.'
    )
  })
})
