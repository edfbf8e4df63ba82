/**
 * SIP credentials of every WebPhone device in the cast, made at each start
 * (docs/platform.md#sip-provision): `authorizationId` is the device id (as in real provision
 * answers), `username` is `<main number digits>*<extension number>`, and the password is random per
 * device and per start. They live in memory only and never reach a log.
 */
import { randomBytes } from 'node:crypto'
import type { Cast, Device } from '../callcentre/cast'
import { SIP_DOMAIN } from '../callcentre/ids'

export interface SipAccount {
  readonly deviceId: string
  readonly extensionId: string
  readonly extensionNumber: string
  readonly authorizationId: string
  readonly username: string
  readonly password: string
}

export interface SipAccounts {
  readonly domain: string
  byAuthorizationId(id: string): SipAccount | undefined
  /** The extension's WebPhone device's account. */
  forExtension(extensionId: string): SipAccount | undefined
  forDevice(deviceId: string): SipAccount | undefined
}

/** Eight characters from an alphabet without look-alikes, as real provisioned passwords look. */
function password(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')
}

export function createSipAccounts(cast: Cast): SipAccounts {
  const main = (cast.queue.phoneNumber ?? '').replace(/\D/g, '')
  const byDevice = new Map<string, SipAccount>()
  const byExtension = new Map<string, SipAccount>()
  for (const ext of cast.extensions()) {
    const phone: Device | undefined = ext.devices.find((d) => d.type === 'WebPhone')
    if (phone === undefined) continue
    const account: SipAccount = {
      deviceId: phone.id,
      extensionId: ext.id,
      extensionNumber: ext.extensionNumber,
      authorizationId: phone.id,
      username: `${main}*${ext.extensionNumber}`,
      password: password()
    }
    byDevice.set(phone.id, account)
    byExtension.set(ext.id, account)
  }
  return {
    domain: SIP_DOMAIN,
    byAuthorizationId: (id) => byDevice.get(id),
    forExtension: (id) => byExtension.get(id),
    forDevice: (id) => byDevice.get(id)
  }
}
