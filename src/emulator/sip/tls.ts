/**
 * The SIP proxy's TLS identity: a self-signed certificate for 127.0.0.1 and localhost. The web
 * phone always dials `wss://` (docs/platform.md#sip-web-phone); tests run Chromium with
 * `--ignore-certificate-errors`, so nothing needs to trust it.
 *
 * It is kept in the OS cache folder (never in the repository) and reused until a day before it
 * expires: making one at every start loaded `selfsigned` and its X.509 and ASN.1 libraries, about
 * a sixth of the emulator's start (docs/performance.md#start). The file holds the private key, so
 * it is written owner-only (0600) in an owner-only folder (0700), and a file that is not (or that
 * is not ours, unreadable, or does not match) is replaced by a new one. A cache that cannot be
 * written costs only the time: the identity made is used anyway.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export interface TlsIdentity {
  readonly key: string
  readonly cert: string
  readonly fingerprint: string
}

export interface TlsOptions {
  /** Where the identity is kept; `null`: make a new one and keep nothing (default: osCacheDir). */
  readonly cacheDir?: string | null
  /** Wall clock, ms (tests). */
  readonly now?: () => number
}

const VALID_MS = 30 * 86_400_000
/** Replaced this long before it expires, so an emulator started now never outlives it. */
const RENEW_BEFORE_MS = 86_400_000
const FILE = 'emulator-tls.json'

/** The per-user cache folder of this OS, with a `ringside` folder in it. */
export function osCacheDir(): string {
  const env = process.env
  const base =
    process.platform === 'win32'
      ? (env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Caches')
        : (env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'))
  return join(base, 'ringside')
}

async function makeIdentity(now: number): Promise<TlsIdentity> {
  // Loaded only when a certificate must be made: the libraries cost more to load than to run.
  const { generate } = await import('selfsigned')
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + VALID_MS),
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

const ownerOnly = (mode: number): boolean => (mode & 0o077) === 0

/** The cached identity if it is ours, owner-only, well-formed, matching and not near expiry. */
function readCached(path: string, now: number): TlsIdentity | undefined {
  try {
    const stat = statSync(path)
    if (process.platform !== 'win32') {
      if (!ownerOnly(stat.mode)) return undefined
      if (process.getuid && stat.uid !== process.getuid()) return undefined
    }
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof parsed !== 'object' || parsed === null) return undefined
    const { key, cert, fingerprint } = parsed as Record<string, unknown>
    if (typeof key !== 'string' || typeof cert !== 'string' || typeof fingerprint !== 'string') {
      return undefined
    }
    const x509 = new X509Certificate(cert)
    if (Date.parse(x509.validTo) - RENEW_BEFORE_MS <= now) return undefined
    if (Date.parse(x509.validFrom) > now) return undefined
    if (!x509.checkPrivateKey(createPrivateKey(key))) return undefined
    if (x509.checkIP('127.0.0.1') === undefined) return undefined
    return { key, cert, fingerprint }
  } catch {
    return undefined
  }
}

/** Written beside and renamed into place: a parallel start reads the old file or the new one. */
function writeCached(dir: string, path: string, identity: TlsIdentity): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    chmodSync(dir, 0o700)
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`
    writeFileSync(temp, JSON.stringify(identity), { mode: 0o600 })
    chmodSync(temp, 0o600)
    renameSync(temp, path)
  } catch {
    // A read-only or missing home: the identity still serves this start.
  }
}

export async function createTlsIdentity(options: TlsOptions = {}): Promise<TlsIdentity> {
  const now = (options.now ?? Date.now)()
  const dir = options.cacheDir === undefined ? osCacheDir() : options.cacheDir
  if (dir === null) return await makeIdentity(now)
  const path = join(dir, FILE)
  const cached = readCached(path, now)
  if (cached) return cached
  const made = await makeIdentity(now)
  writeCached(dir, path, made)
  return made
}
