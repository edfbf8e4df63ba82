import type { SafeStorage } from 'electron'
import { authMessage } from '../core/auth/errors'
import { createMemoryVault } from '../core/auth/memory-vault'
import { defaultFs, sealedFileVault, type VaultFs } from '../core/auth/secure-file'
import type { TokenVault } from '../core/ports'

/**
 * The parts of Electron's `safeStorage` the vault uses. Injected (the shell passes the real
 * `safeStorage`), so this module loads and is tested in plain Node without an Electron binary.
 * `getSelectedStorageBackend` exists on Linux only.
 */
export type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> &
  Partial<
    Pick<SafeStorage, 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'>
  >

/**
 * Seals with the asynchronous API where this Electron offers it (`encryptStringAsync` and
 * `decryptStringAsync`; Electron 45 deprecates the synchronous pair), else the synchronous one.
 * A blob the OS says should be re-encrypted (a rotated key) is re-sealed on read.
 */
async function encrypt(safeStorage: SafeStorageApi, plain: string): Promise<Buffer> {
  return safeStorage.encryptStringAsync
    ? safeStorage.encryptStringAsync(plain)
    : safeStorage.encryptString(plain)
}

async function decrypt(
  safeStorage: SafeStorageApi,
  sealed: Buffer
): Promise<{ readonly plain: string; readonly reEncrypt: boolean }> {
  if (safeStorage.decryptStringAsync) {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed)
    return { plain: result, reEncrypt: shouldReEncrypt }
  }
  return { plain: safeStorage.decryptString(sealed), reEncrypt: false }
}

export interface SafeStorageVaultOptions {
  readonly safeStorage: SafeStorageApi
  /** The sealed token file, e.g. `join(app.getPath('userData'), 'tokens.bin')`. */
  readonly file: string
  readonly fs?: VaultFs
  /** Defaults to `process.platform`; tests set 'linux' to exercise the backend check. */
  readonly platform?: NodeJS.Platform
  /** Told (without secrets) when the stored file was unreadable and was discarded. */
  readonly onCorrupt?: (why: string) => void
}

const MAGIC = Buffer.from('RSS1')

/**
 * A `TokenVault` on Electron safeStorage (DPAPI, Keychain, libsecret/kwallet) and a 0600 file written
 * atomically. Create it after `app.whenReady()`: before that, Linux reports no backend.
 *
 * When the OS offers no real encryption it persists nothing and returns a memory vault whose
 * `unavailableReason` the UI shows (docs/security.md#token-storage: refresh token not persisted
 * without encryption). A damaged or foreign file means "signed out", is removed, and never throws.
 */
export function createSafeStorageVault(options: SafeStorageVaultOptions): TokenVault {
  const { safeStorage, file } = options
  const unavailable = whyUnavailable(safeStorage, options.platform ?? process.platform)
  if (unavailable !== undefined) {
    return createMemoryVault({ unavailableReason: unavailable })
  }
  const vault = sealedFileVault({
    fs: options.fs ?? defaultFs,
    file,
    ...(options.onCorrupt ? { onCorrupt: options.onCorrupt } : {}),
    sealer: {
      seal: async (plain) => Buffer.concat([MAGIC, await encrypt(safeStorage, plain)]),
      async open(sealed) {
        if (sealed.length <= MAGIC.length || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
          return { damaged: 'the token file is damaged' }
        }
        try {
          const { plain, reEncrypt } = await decrypt(safeStorage, sealed.subarray(MAGIC.length))
          if (reEncrypt) queueMicrotask(() => void vault.save(plain).catch(() => undefined))
          return plain
        } catch {
          // Another OS user, a reinstalled keychain, or a backend change (Signal's
          // SafeStorageBackendChangeError): the old blob is unreadable for good.
          return { damaged: 'the token file cannot be decrypted with this keychain' }
        }
      }
    }
  })
  return { kind: 'encrypted-file', ...vault }
}

/** Why encryption cannot be trusted here, in words for the agent; undefined when it can. */
function whyUnavailable(
  safeStorage: SafeStorageApi,
  platform: NodeJS.Platform
): string | undefined {
  let available: boolean
  try {
    available = safeStorage.isEncryptionAvailable()
  } catch {
    available = false
  }
  if (!available) {
    return authMessage('encryption-unavailable')
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.()
    // Electron docs (safe-storage.md): with `basic_text` data is "encrypted via hardcoded plaintext
    // password", i.e. readable by anyone with the file. Treat it as no encryption at all.
    if (backend === 'basic_text') {
      return (
        'No password manager (GNOME Keyring or KWallet) was found, so Ringside keeps your ' +
        'sign-in only until it quits. Install or unlock one to stay signed in.'
      )
    }
    if (backend === 'unknown') {
      return authMessage('encryption-unavailable')
    }
  }
  return undefined
}
