import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { TokenVault } from '../ports'
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
 * Tokens are sealed with AES-256-GCM under a random 32-byte key kept in a separate 0600 file.
 *
 * Threat model, honestly: this protects against casual disclosure of the token file (a copied or
 * synced `tokens.enc`, a backup that skips the key directory, a screen-share of a hex dump). It does
 * NOT protect against anything running as the same OS user, or anyone with the user's account or
 * disk: they can read the key file as easily as Ringside can. That is the job of an OS keychain,
 * which is why the Electron shell uses safeStorage instead. Put `keyDir` outside synced or backed-up
 * folders to get the most out of the split.
 */
export interface KeyFileVaultOptions {
  /** Directory of the sealed token file (`tokens.enc`). */
  readonly dir: string
  /** Directory of the key file (`tokens.key`); defaults to `dir`. */
  readonly keyDir?: string
  readonly fs?: VaultFs
  /** Told (without secrets) when a stored file was unreadable and was discarded. */
  readonly onCorrupt?: (why: string) => void
}

const MAGIC = Buffer.from('RSK1')
const IV_BYTES = 12
const TAG_BYTES = 16
const KEY_BYTES = 32
// Binds the ciphertext to its purpose: a blob sealed for something else under the same key fails.
const AAD = Buffer.from('ringside-token-vault-v1')

export function createKeyFileVault(options: KeyFileVaultOptions): TokenVault {
  const fs = options.fs ?? defaultFs
  const keyFile = join(options.keyDir ?? options.dir, 'tokens.key')
  let key: Buffer | undefined

  async function readKey(): Promise<Buffer | undefined> {
    if (key !== undefined) {
      return key
    }
    const stored = await readIfExists(fs, keyFile)
    key = stored?.length === KEY_BYTES ? stored : undefined
    return key
  }

  async function keyForWriting(): Promise<Buffer> {
    const existing = await readKey()
    if (existing !== undefined) {
      return existing
    }
    const fresh = randomBytes(KEY_BYTES)
    await writeFileAtomic(fs, keyFile, fresh)
    key = fresh
    return fresh
  }

  const vault = sealedFileVault({
    fs,
    file: join(options.dir, 'tokens.enc'),
    ...(options.onCorrupt ? { onCorrupt: options.onCorrupt } : {}),
    sealer: {
      seal: async (plain) => seal(plain, await keyForWriting()),
      async open(sealed) {
        const current = await readKey()
        if (current === undefined) return { damaged: 'the token key file is missing or damaged' }
        return (
          open(sealed, current) ?? {
            damaged: 'the token file is damaged or was sealed with another key'
          }
        )
      },
      // The tokens and their key go together: a new sign-in gets a new key.
      async forget() {
        key = undefined
        await removeFile(fs, keyFile)
      }
    }
  })
  return { kind: 'encrypted-file', ...vault }
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
