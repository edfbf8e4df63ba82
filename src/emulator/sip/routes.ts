/**
 * Control API of the SIP side (loopback only, no auth; docs/emulator.md "SIP control"):
 * - `GET /__emulator/sip/registrations`: contacts per extension, with instance ids and expiry;
 * - `GET /__emulator/sip/dialogs`: the emulator's dialogs with phones, and RTP heard from each
 *   (a pickup's names how it was asked: `replaces` or `inbound-pickup`);
 * - `POST /__emulator/sip/drop`: closes every phone socket, like a proxy closing them.
 * Passwords and nonces never appear here.
 */
import { ok, type Router } from '../platform'
import type { SipServer } from './index'

export function registerSipControlRoutes(router: Router, sip: SipServer): void {
  router.control('GET', '/__emulator/sip/registrations', () => {
    const now = Date.now()
    const records = sip.registrar
      .all()
      .filter(([, bindings]) => bindings.length > 0)
      .map(([extensionId, bindings]) => ({
        extensionId,
        extensionNumber: sip.accounts.forExtension(extensionId)?.extensionNumber,
        deviceId: bindings[0]!.deviceId,
        contacts: bindings.map((b) => ({
          instanceId: b.instanceId,
          contact: b.contact,
          connection: b.connection.id,
          expiresAt: new Date(b.expiresAt).toISOString(),
          expiresIn: Math.max(0, Math.round((b.expiresAt - now) / 1000))
        }))
      }))
    return ok({ records })
  })
  router.control('GET', '/__emulator/sip/dialogs', () =>
    ok({
      records: sip.calls.dialogs().map((d) => ({
        callId: d.callId,
        partyId: d.partyId,
        extensionId: d.extensionId,
        deviceId: d.deviceId,
        initiator: d.initiator,
        state: d.state,
        platformTag: d.platformTag,
        ...(d.phoneTag === undefined ? {} : { phoneTag: d.phoneTag }),
        autoAnswer: d.autoAnswer,
        ...(d.pickup === undefined ? {} : { pickup: d.pickup }),
        rtpReceived: d.peer?.received() ?? 0
      }))
    })
  )
  router.control('POST', '/__emulator/sip/drop', () => ok({ dropped: sip.drop() }))
}
