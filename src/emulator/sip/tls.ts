/**
 * The SIP proxy's TLS identity: a self-signed certificate made at every start for 127.0.0.1 and
 * localhost. The web phone always dials `wss://` (docs/platform.md#sip-web-phone); tests run
 * Chromium with `--ignore-certificate-errors`, so nothing needs to trust it, and nothing persists.
 */
import { generate } from 'selfsigned'

export interface TlsIdentity {
  readonly key: string
  readonly cert: string
  readonly fingerprint: string
}

export async function createTlsIdentity(): Promise<TlsIdentity> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' }
        ]
      }
    ]
  })
  return { key: pems.private, cert: pems.cert, fingerprint: pems.fingerprint }
}
