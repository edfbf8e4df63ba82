import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultFs, type VaultFs } from '../../../src/main/core/auth/secure-file'
import { createSafeStorageVault, type SafeStorageApi } from '../../../src/main/electron/token-vault'
import { findInFiles, modeOf, tempDir } from '../core/auth/support/files'
import { waitFor } from '../../support/wait'

/** A stand-in for Electron's safeStorage: AES-256-GCM under a per-"keychain" test key. */
function fakeSafeStorage(
  options: {
    available?: boolean
    backend?: ReturnType<NonNullable<SafeStorageApi['getSelectedStorageBackend']>>
  } = {}
): SafeStorageApi & { encrypted: number } {
  const key = randomBytes(32)
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain: string): Buffer {
      fake.encrypted += 1
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString(encrypted: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12))
      decipher.setAuthTag(encrypted.subarray(12, 28))
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
        'utf8'
      )
    }
  }
  return fake
}

const SECRET = JSON.stringify({ access_token: 'AT-shell-91bd', refresh_token: 'RT-shell-4c7e' })

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

describe('createSafeStorageVault', () => {
  it('stores only ciphertext, in a 0600 file, and reads it back', async () => {
    const safeStorage = fakeSafeStorage()
    const file = join(dir, 'sub', 'tokens.bin')
    const vault = createSafeStorageVault({ safeStorage, file, platform: 'linux' })
    expect(vault.kind).toBe('encrypted-file')
    expect(vault.unavailableReason).toBeUndefined()
    expect(await vault.load()).toBeUndefined()
    await vault.save(SECRET)
    expect(safeStorage.encrypted).toBe(1)
    expect(await createSafeStorageVault({ safeStorage, file }).load()).toBe(SECRET)
    expect(await findInFiles(dir, ['AT-shell-91bd', 'RT-shell-4c7e'])).toEqual([])
    if (process.platform !== 'win32') {
      expect(await modeOf(file)).toBe(0o600)
    }
    await vault.clear()
    expect(await readdir(join(dir, 'sub'))).toEqual([])
  })

  it('uses the async API where Electron offers it, never the deprecated sync pair', async () => {
    const sync = fakeSafeStorage()
    const calls: string[] = []
    const forbidden = (): never => {
      throw new Error('the synchronous API was used')
    }
    const safeStorage: SafeStorageApi = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: forbidden,
      decryptString: forbidden,
      encryptStringAsync: async (plain) => {
        calls.push('encrypt')
        return sync.encryptString(plain)
      },
      decryptStringAsync: async (sealed) => {
        calls.push('decrypt')
        // The OS rotated its key: the next read asks for the blob to be sealed again.
        return { result: sync.decryptString(sealed), shouldReEncrypt: calls.length === 2 }
      }
    }
    const file = join(dir, 'tokens.bin')
    const vault = createSafeStorageVault({ safeStorage, file, platform: 'linux' })

    await vault.save(SECRET)
    const first = await readFile(file)
    expect(await vault.load()).toBe(SECRET)
    // The re-encryption is fire-and-forget: the file is written after its encrypt call returns,
    // so wait for the new blob on disk, not for the call alone.
    await waitFor(async () => !(await readFile(file)).equals(first), 'the re-encrypted file')
    expect(calls).toEqual(['encrypt', 'decrypt', 'encrypt'])
    expect(await vault.load()).toBe(SECRET)
    expect(await findInFiles(dir, ['AT-shell-91bd', 'RT-shell-4c7e'])).toEqual([])
  })

  it('keeps tokens in memory with a reason when encryption is unavailable', async () => {
    const vault = createSafeStorageVault({
      safeStorage: fakeSafeStorage({ available: false }),
      file: join(dir, 'tokens.bin')
    })
    expect(vault.kind).toBe('memory')
    expect(vault.unavailableReason).toMatch(/secure password storage/)
    await vault.save(SECRET)
    expect(await vault.load()).toBe(SECRET)
    expect(await readdir(dir)).toEqual([])
  })

  it("treats Linux's basic_text backend (a hard-coded password) as no encryption", async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' })
    const vault = createSafeStorageVault({
      safeStorage,
      file: join(dir, 't.bin'),
      platform: 'linux'
    })
    expect(vault.kind).toBe('memory')
    expect(vault.unavailableReason).toMatch(/password manager/)
    await vault.save(SECRET)
    expect(safeStorage.encrypted).toBe(0)
    expect(await readdir(dir)).toEqual([])
    // The backend check is Linux-only (the API does not exist elsewhere).
    expect(createSafeStorageVault({ safeStorage, file: 'x', platform: 'darwin' }).kind).toBe(
      'encrypted-file'
    )
  })

  it('treats a throwing isEncryptionAvailable as unavailable', () => {
    const safeStorage: SafeStorageApi = {
      ...fakeSafeStorage(),
      isEncryptionAvailable: () => {
        throw new Error('not ready')
      }
    }
    expect(createSafeStorageVault({ safeStorage, file: join(dir, 't') }).kind).toBe('memory')
  })

  it('a corrupt or foreign file means signed out: removed, never a crash', async () => {
    const file = join(dir, 'tokens.bin')
    const reasons: string[] = []
    await writeFile(file, 'not ours at all')
    const vault = createSafeStorageVault({
      safeStorage: fakeSafeStorage(),
      file,
      onCorrupt: (why) => reasons.push(why)
    })
    expect(await vault.load()).toBeUndefined()
    expect(await readdir(dir)).toEqual([])

    // Sealed by another keychain (reinstalled OS, other user): decryptString throws.
    await createSafeStorageVault({ safeStorage: fakeSafeStorage(), file }).save(SECRET)
    expect(await vault.load()).toBeUndefined()
    expect(await readdir(dir)).toEqual([])

    await vault.save(SECRET)
    const bytes = await readFile(file)
    await writeFile(file, bytes.subarray(0, bytes.length - 3))
    expect(await vault.load()).toBeUndefined()
    expect(reasons).toHaveLength(3)
  })

  it('writes atomically: a failed rename keeps the old file and leaves no temp file', async () => {
    const safeStorage = fakeSafeStorage()
    const file = join(dir, 'tokens.bin')
    await createSafeStorageVault({ safeStorage, file }).save('old')
    const fs: VaultFs = {
      ...defaultFs,
      rename: async () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
      }
    }
    await expect(createSafeStorageVault({ safeStorage, file, fs }).save('new')).rejects.toThrow()
    expect(await createSafeStorageVault({ safeStorage, file }).load()).toBe('old')
    expect(await readdir(dir)).toEqual(['tokens.bin'])
  })
})
