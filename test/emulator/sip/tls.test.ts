/** The SIP proxy's certificate, kept in a cache folder: reused while valid, owner-only, renewed. */
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTlsIdentity } from '../../../src/emulator/sip/tls'

let dir: string | undefined
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

const fresh = (): string => (dir = mkdtempSync(join(tmpdir(), 'ringside-tls-')))
const cacheIn = (root: string): string => join(root, 'cache', 'ringside')
const file = (root: string): string => join(cacheIn(root), 'emulator-tls.json')
const mode = (path: string): number => statSync(path).mode & 0o777
const DAY = 86_400_000

describe('emulator TLS identity cache', () => {
  it('makes one for 127.0.0.1, keeps it owner-only, and reuses it on the next start', async () => {
    const root = fresh()
    const first = await createTlsIdentity({ cacheDir: cacheIn(root) })
    const x509 = new X509Certificate(first.cert)
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(x509.checkHost('localhost')).toBe('localhost')
    expect(mode(file(root))).toBe(0o600)
    expect(mode(cacheIn(root))).toBe(0o700)
    const again = await createTlsIdentity({ cacheDir: cacheIn(root) })
    expect(again).toEqual(first)
  })

  it('renews one that expires within a day, and keeps the new one owner-only', async () => {
    const root = fresh()
    const first = await createTlsIdentity({ cacheDir: cacheIn(root) })
    const validTo = Date.parse(new X509Certificate(first.cert).validTo)
    // Two days before the end it is still good; within the last day it is replaced.
    const early = await createTlsIdentity({ cacheDir: cacheIn(root), now: () => validTo - 2 * DAY })
    expect(early.cert).toBe(first.cert)
    const late = await createTlsIdentity({ cacheDir: cacheIn(root), now: () => validTo - DAY / 2 })
    expect(late.cert).not.toBe(first.cert)
    expect(Date.parse(new X509Certificate(late.cert).validTo)).toBeGreaterThan(validTo)
    expect(JSON.parse(readFileSync(file(root), 'utf8'))).toMatchObject({ cert: late.cert })
    expect(mode(file(root))).toBe(0o600)
  })

  it('replaces a file others may read, and one that is not a matching key and certificate', async () => {
    const root = fresh()
    const first = await createTlsIdentity({ cacheDir: cacheIn(root) })
    chmodSync(file(root), 0o644)
    const widened = await createTlsIdentity({ cacheDir: cacheIn(root) })
    expect(widened.key).not.toBe(first.key)
    expect(mode(file(root))).toBe(0o600)

    const other = await createTlsIdentity({ cacheDir: null })
    const mixed = { ...widened, key: other.key }
    writeFileSync(file(root), JSON.stringify(mixed), { mode: 0o600 })
    const remade = await createTlsIdentity({ cacheDir: cacheIn(root) })
    expect(remade.key).not.toBe(other.key)
    expect(new X509Certificate(remade.cert).checkPrivateKey(createPrivateKey(remade.key))).toBe(
      true
    )

    writeFileSync(file(root), 'not json', { mode: 0o600 })
    const fromGarbage = await createTlsIdentity({ cacheDir: cacheIn(root) })
    expect(new X509Certificate(fromGarbage.cert).checkIP('127.0.0.1')).toBe('127.0.0.1')
  })

  it('still serves when the cache cannot be written', async () => {
    const root = fresh()
    // A file where the folder should be: nothing can be kept, the start goes on.
    writeFileSync(join(root, 'cache'), 'x')
    const identity = await createTlsIdentity({ cacheDir: cacheIn(root) })
    expect(new X509Certificate(identity.cert).checkIP('127.0.0.1')).toBe('127.0.0.1')
  })
})
