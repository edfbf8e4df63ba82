import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { KeyStorage, TokenVault } from '../ports'
import { createOsKeyring, type Keyring } from './os-keyring'
import {
  defaultFs,
  readIfExists,
  removeFile,
  sealedFileVault,
  writeFileAtomic,
  type VaultFs
} from './secure-file'

/**
 * Token vault for browser mode and headless Node, where Electron's safeStorage does not exist.
 *
 * Tokens are sealed with AES-256-GCM under a random 32-byte key. The key is kept in the OS keyring
 * where one answers (Keychain, Credential Manager, Secret Service), so that reading the token file is
 * not enough to open it. Where there is none (a Linux box without a Secret Service, CI), the key is
 * kept in a separate 0600 file and the vault says so, with the reason, through `keyStorage()`.
 *
 * Threat model, honestly: with the keyring, the tokens are as safe as the keyring's other secrets
 * (another program of the same user may still ask it). With the key file, this protects against
 * casual disclosure of the token file (a copied or synced `tokens.enc`, a backup that skips the key
 * directory, a screen-share of a hex dump), NOT against anything running as the same OS user, or
 * anyone with the user's account or disk: they can read the key file as easily as Ringside can.
 * Put `keyDir` outside synced or backed-up folders to get the most out of the split.
 */
export interface KeyFileVaultOptions {
  /** Directory of the sealed token file (`tokens.enc`). */
  readonly dir: string
  /** Directory of the key file (`tokens.key`), when the key is kept in a file; defaults to `dir`. */
  readonly keyDir?: string
  readonly fs?: VaultFs
  /** Told (without secrets) when a stored file was unreadable and was discarded. */
  readonly onCorrupt?: (why: string) => void
  /** Where the key goes when it can: the OS keyring by default; `null` for the key file only. */
  readonly keyring?: Keyring | null
  /** How long one keyring call may take before the vault gives up on the keyring. */
  readonly keyringTimeoutMs?: number
}

export type { KeyStorage } from '../ports'

export interface KeyFileVault extends TokenVault {
  readonly kind: 'encrypted-file'
  /** Where the key lives. The first call asks the keyring (bounded); later calls answer at once. */
  keyStorage(): Promise<KeyStorage>
}

const MAGIC = Buffer.from('RSK1')
const IV_BYTES = 12
const TAG_BYTES = 16
const KEY_BYTES = 32
// Binds the ciphertext to its purpose: a blob sealed for something else under the same key fails.
const AAD = Buffer.from('ringside-token-vault-v1')
/** A keyring that answers at all answers in milliseconds; a locked or absent one may never answer. */
export const KEYRING_TIMEOUT_MS = 2_000

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** `p`, or a rejection after `ms`: a keyring that hangs must not hang sign-in. */
function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    timer.unref?.()
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

const decodeKey = (s: string | undefined): Buffer | undefined => {
  const key = s === undefined ? undefined : Buffer.from(s, 'base64')
  return key?.length === KEY_BYTES ? key : undefined
}

export function createKeyFileVault(options: KeyFileVaultOptions): KeyFileVault {
  const fs = options.fs ?? defaultFs
  const keyFile = join(options.keyDir ?? options.dir, 'tokens.key')
  const keys = keyPlace(fs, keyFile, options)

  const vault = sealedFileVault({
    fs,
    file: join(options.dir, 'tokens.enc'),
    ...(options.onCorrupt ? { onCorrupt: options.onCorrupt } : {}),
    sealer: {
      seal: async (plain) => seal(plain, await keys.forWriting()),
      async open(sealed) {
        const current = await keys.read()
        if (current === undefined) return { damaged: 'the token key is missing or damaged' }
        return (
          open(sealed, current) ?? {
            damaged: 'the token file is damaged or was sealed with another key'
          }
        )
      },
      // The tokens and their key go together: a new sign-in gets a new key.
      forget: () => keys.forget()
    }
  })
  return { kind: 'encrypted-file', ...vault, keyStorage: () => keys.storage() }
}

interface KeyPlace {
  storage(): Promise<KeyStorage>
  read(): Promise<Buffer | undefined>
  forWriting(): Promise<Buffer>
  forget(): Promise<void>
}

/**
 * Where the key is and how to reach it. Decided once, on first use: a key file left by an earlier
 * run (or by a fallback) moves into the keyring, and a keyring with nothing in it must take a fresh
 * key and give it back before it is trusted, because some answer reads and refuse writes.
 */
function keyPlace(fs: VaultFs, keyFile: string, options: KeyFileVaultOptions): KeyPlace {
  const keyring = options.keyring === undefined ? createOsKeyring() : options.keyring
  const ms = options.keyringTimeoutMs ?? KEYRING_TIMEOUT_MS
  // One keyring entry per key file, so two data directories never share a key.
  const account = resolve(keyFile)
  let place: Promise<KeyStorage> | undefined
  let key: Buffer | undefined

  const readFileKey = async (): Promise<Buffer | undefined> => {
    const stored = await readIfExists(fs, keyFile)
    return stored?.length === KEY_BYTES ? stored : undefined
  }

  /** Stores `k` in the keyring and reads it back. */
  const store = async (ring: Keyring, k: Buffer): Promise<void> => {
    await bounded(ring.set(account, k.toString('base64')), ms)
    const back = decodeKey(await bounded(ring.get(account), ms))
    if (back === undefined || !back.equals(k)) throw new Error('it did not keep the key')
  }

  const fallback = (why: string): KeyStorage => ({
    where: 'key-file',
    reason: `${why}, so the token key is kept in a file beside the tokens`
  })

  async function decide(): Promise<KeyStorage> {
    if (keyring === null) return fallback('no OS keyring is used here')
    const fromFile = await readFileKey()
    try {
      const stored = decodeKey(await bounded(keyring.get(account), ms))
      key = fromFile ?? stored ?? randomBytes(KEY_BYTES)
      if (fromFile !== undefined || stored === undefined) await store(keyring, key)
      // Only once the keyring holds it: a crash before this leaves the file, moved next time.
      if (fromFile !== undefined) await removeFile(fs, keyFile)
      return { where: 'os-keyring' }
    } catch (e) {
      key = undefined
      return fallback(`the OS keyring is not available (${messageOf(e)})`)
    }
  }
  const storage = (): Promise<KeyStorage> => (place ??= decide())

  return {
    storage,
    async read() {
      if ((await storage()).where === 'os-keyring') return key
      return (key ??= await readFileKey())
    },
    async forWriting() {
      if (key !== undefined) return key
      const fresh = randomBytes(KEY_BYTES)
      if ((await storage()).where === 'os-keyring' && keyring) {
        try {
          await store(keyring, fresh)
          key = fresh
          return fresh
        } catch (e) {
          place = Promise.resolve(fallback(`the OS keyring stopped taking keys (${messageOf(e)})`))
        }
      }
      const existing = await readFileKey()
      if (existing !== undefined) return (key = existing)
      await writeFileAtomic(fs, keyFile, fresh)
      return (key = fresh)
    },
    async forget() {
      key = undefined
      await removeFile(fs, keyFile)
      if ((await storage()).where === 'os-keyring' && keyring) {
        // Best effort: without the token file, a key left in the keyring opens nothing.
        await bounded(keyring.delete(account), ms).catch(() => undefined)
      }
    }
  }
}

function seal(plain: string, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(AAD)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body])
}

/** The plaintext, or undefined when the blob is not ours or fails authentication. */
function open(sealed: Buffer, key: Buffer): string | undefined {
  const headerBytes = MAGIC.length + IV_BYTES + TAG_BYTES
  if (sealed.length < headerBytes || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    return undefined
  }
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES)
  const tag = sealed.subarray(MAGIC.length + IV_BYTES, headerBytes)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(AAD)
    decipher.setAuthTag(tag)
    return Buffer.concat([
      decipher.update(sealed.subarray(headerBytes)),
      decipher.final()
    ]).toString('utf8')
  } catch {
    return undefined
  }
}
