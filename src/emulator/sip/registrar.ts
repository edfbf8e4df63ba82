/**
 * REGISTER (docs/platform.md#sip-web-phone): 401 with a digest challenge, then 200 with
 * `Contact …;expires=N` (the web phone re-registers N − 3 s later and fails without it). A binding
 * belongs to the socket it came on: when that socket closes the binding is gone, as with a proxy
 * that routes over the registering flow. At most five instance ids per extension; the sixth gets
 * `603 Too Many Contacts`.
 */
import type { SipAccount, SipAccounts } from './accounts'
import { challenge, verifyDigest, type NonceBook } from './digest'
import { header, responseTo, uriOf, userOf, type SipRequest, type SipResponse } from './message'
import type { SipConnection } from './transport'

export const MAX_INSTANCES = 5

export interface Binding {
  readonly extensionId: string
  readonly deviceId: string
  readonly instanceId: string
  readonly contact: string
  readonly connection: SipConnection
  readonly expiresAt: number
}

export interface RegistrarOptions {
  readonly accounts: SipAccounts
  readonly nonces: NonceBook
  /** Longest registration granted (s); the web phone asks for 60. */
  readonly maxExpires: number
  readonly now: () => number
  readonly changed: (extensionId: string) => void
}

const INSTANCE = /\+sip\.instance="<urn:uuid:([^>"]{1,128})>"/
const EXPIRES = /;\s*expires=(\d{1,10})/

export class Registrar {
  private readonly bindings = new Map<string, Binding[]>()

  constructor(private readonly o: RegistrarOptions) {}

  /** Live bindings of an extension, newest first. */
  of(extensionId: string): Binding[] {
    const now = this.o.now()
    const live = (this.bindings.get(extensionId) ?? []).filter((b) => b.expiresAt > now)
    this.bindings.set(extensionId, live)
    return [...live].reverse()
  }

  all(): Array<[string, Binding[]]> {
    return [...this.bindings.keys()].map((ext) => [ext, this.of(ext)] as [string, Binding[]])
  }

  /** The connection that reaches an extension's phone now, if any. */
  route(extensionId: string): Binding | undefined {
    return this.of(extensionId)[0]
  }

  forget(connection: SipConnection): void {
    for (const [ext, list] of this.bindings) {
      const kept = list.filter((b) => b.connection !== connection)
      if (kept.length === list.length) continue
      this.bindings.set(ext, kept)
      this.o.changed(ext)
    }
  }

  handle(connection: SipConnection, req: SipRequest): SipResponse {
    const { accounts } = this.o
    const auth = header(req, 'Authorization')
    if (auth === undefined) return this.challenge(req)
    const check = verifyDigest(auth, 'REGISTER', accounts.domain, this.o.nonces, (id) => {
      return accounts.byAuthorizationId(id)?.password
    })
    if (!check.ok)
      return check.reason === 'stale or unknown nonce' ? this.challenge(req) : forbidden(req)
    const account = accounts.byAuthorizationId(check.authorizationId)!
    if (userOf(uriOf(header(req, 'From') ?? '')) !== account.username) return forbidden(req)
    const contact = header(req, 'Contact') ?? ''
    const requested = Number(EXPIRES.exec(contact)?.[1] ?? header(req, 'Expires') ?? 'NaN')
    const instanceId = INSTANCE.exec(contact)?.[1]
    if (!Number.isFinite(requested) || instanceId === undefined) {
      return responseTo(req, 400, { reason: 'Contact needs +sip.instance and expires' })
    }
    return this.bind(connection, req, account, { contact, instanceId, requested })
  }

  private bind(
    connection: SipConnection,
    req: SipRequest,
    account: SipAccount,
    c: { contact: string; instanceId: string; requested: number }
  ): SipResponse {
    const ext = account.extensionId
    const others = this.of(ext).filter((b) => b.instanceId !== c.instanceId)
    if (c.requested > 0 && others.length >= MAX_INSTANCES) {
      return responseTo(req, 603, { reason: 'Too Many Contacts' })
    }
    const granted = Math.min(c.requested, this.o.maxExpires)
    const binding: Binding = {
      extensionId: ext,
      deviceId: account.deviceId,
      instanceId: c.instanceId,
      contact: uriOf(c.contact),
      connection,
      expiresAt: this.o.now() + granted * 1000
    }
    this.bindings.set(ext, granted > 0 ? [...others.reverse(), binding] : others.reverse())
    this.o.changed(ext)
    const contact = c.contact.replace(EXPIRES, '').trim()
    return responseTo(req, 200, { headers: [['Contact', `${contact};expires=${granted}`]] })
  }

  private challenge(req: SipRequest): SipResponse {
    const value = challenge(this.o.accounts.domain, this.o.nonces.issue())
    return responseTo(req, 401, { headers: [['Www-Authenticate', value]] })
  }
}

const forbidden = (req: SipRequest): SipResponse => responseTo(req, 403)
