/**
 * `POST /restapi/v1.0/client-info/sip-provision` (docs/platform.md#sip-provision): the signed-in
 * extension's WebPhone device and its SIP credentials, shaped like the platform's answer. The
 * outbound proxy is this emulator's SIP port (the web phone prepends `wss://`), and `stunServers`
 * is empty so a browser never asks a public STUN server.
 */
import * as t from 'io-ts'
import { apiErrors, decodeBody, ok, type Router } from '../platform'
import type { SipAccounts } from './accounts'

const ProvisionBody = t.intersection([
  t.type({ sipInfo: t.array(t.type({ transport: t.string })) }),
  t.partial({ device: t.type({ id: t.string }) })
])

export function registerProvisionRoute(
  router: Router,
  accounts: SipAccounts,
  proxy: () => string
): void {
  router.route(
    'POST',
    '/restapi/v1.0/client-info/sip-provision',
    { group: 'heavy', permission: 'VoipCalling' },
    (req) => {
      const body = decodeBody(ProvisionBody, req.body, 'sipInfo')
      if (body.sipInfo.length !== 1 || body.sipInfo[0]!.transport !== 'WSS') {
        throw apiErrors.invalidParameter('transport', 'the emulator provisions WSS only')
      }
      const account = accounts.forExtension(req.auth.extensionId)
      if (account === undefined) throw apiErrors.notFound('device', 'WebPhone')
      if (body.device !== undefined && body.device.id !== account.deviceId) {
        throw apiErrors.notFound('deviceId', body.device.id)
      }
      return ok({
        device: {
          id: account.deviceId,
          type: 'WebPhone',
          extension: { extensionNumber: account.extensionNumber }
        },
        sipInfo: [
          {
            transport: 'WSS',
            username: account.username,
            password: account.password,
            authorizationId: account.authorizationId,
            domain: accounts.domain,
            outboundProxy: proxy(),
            outboundProxyBackup: proxy(),
            stunServers: [],
            authorizationTypes: ['SipDigest']
          }
        ],
        sipInfoPstn: [],
        sipFlags: { voipFeatureEnabled: true, outboundCallsEnabled: true },
        sipErrorCodes: ['408']
      })
    }
  )
}
