import { describe, expect, it } from 'vitest'
import {
  defaultValidateFilter,
  expandFilter,
  filterMatchesEvent,
  type AppPermission,
  type FilterContext
} from '../../../src/emulator/platform'
import { ACCOUNT_ID, AGENT, testDirectory } from './helpers'

const A = `/restapi/v1.0/account/${ACCOUNT_ID}`

function ctx(
  scopes: AppPermission[] = ['ReadPresence', 'ReadAccounts', 'CallControl']
): FilterContext {
  return {
    accountId: ACCOUNT_ID,
    extensionId: AGENT,
    scopes: new Set(scopes),
    directory: testDirectory
  }
}

describe('event filters (default validator)', () => {
  it('expands ~ for account and extension only where they are path segments', () => {
    expect(expandFilter('/restapi/v1.0/account/~/extension/~/presence?sipData=true', ctx())).toBe(
      `${A}/extension/${AGENT}/presence?sipData=true`
    )
    expect(expandFilter('/restapi/v1.0/account/~', ctx())).toBe(A)
    expect(expandFilter('/restapi/v1.0/account/~x/extension', ctx())).toBe(
      '/restapi/v1.0/account/~x/extension'
    )
  })

  it('accepts the families the companion uses and names missing permissions', () => {
    const ok = [
      `${A}/extension/${AGENT}/presence?detailedTelephonyState=true&sipData=true`,
      `${A}/extension/${AGENT}/presence/line/presence?detailedTelephonyState=true`,
      `${A}/extension/${AGENT}/telephony/sessions`,
      `${A}/telephony/sessions?statusCode=Parked`,
      `${A}/presence`,
      `${A}/extension`
    ]
    for (const f of ok) expect(defaultValidateFilter(f, ctx())).toEqual({ ok: true })
    expect(defaultValidateFilter(`${A}/telephony/sessions`, ctx(['ReadPresence']))).toMatchObject({
      ok: false,
      reason: 'InsufficientPermissions',
      permission: 'CallControl'
    })
    expect(defaultValidateFilter(`${A}/presence`, ctx(['ReadPresence']))).toMatchObject({
      permission: 'ReadAccounts'
    })
  })

  it('rejects unknown shapes, other accounts and unknown extensions as Invalid', () => {
    for (const f of [
      '/restapi/v1.0/glip/posts',
      `${A}/bogus`,
      '/restapi/v1.0/account/1/presence',
      `${A}/extension/999/presence`
    ]) {
      expect(defaultValidateFilter(f, ctx())).toMatchObject({ ok: false, reason: 'Invalid' })
    }
  })

  it('matches events to filters, incl. per-extension events on account-level filters', () => {
    const presence = `${A}/extension/${AGENT}/presence`
    expect(filterMatchesEvent(`${presence}?detailedTelephonyState=true`, presence)).toBe(true)
    expect(
      filterMatchesEvent(`${A}/telephony/sessions`, `${A}/extension/${AGENT}/telephony/sessions`)
    ).toBe(true)
    expect(filterMatchesEvent(`${A}/presence`, presence)).toBe(true)
    expect(filterMatchesEvent(`${A}/telephony/sessions`, presence)).toBe(false)
    expect(filterMatchesEvent(`${A}/extension`, presence)).toBe(false)
  })
})
