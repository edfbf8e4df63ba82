import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createKeyFileVault,
  type KeyFileVaultOptions
} from '../../../../src/main/core/auth/key-file-vault'
import { createMemoryVault } from '../../../../src/main/core/auth/memory-vault'
import { defaultFs, type VaultFs } from '../../../../src/main/core/auth/secure-file'
import { findInFiles, modeOf, tempDir } from './support/files'

const SECRET = JSON.stringify({ access_token: 'AT-plain-7f3a9', refresh_token: 'RT-plain-c21e0' })

/** The key-file mode these tests describe, whatever keyring the machine has (see key-file-keyring). */
const fileVault = (o: KeyFileVaultOptions): ReturnType<typeof createKeyFileVault> =>
  createKeyFileVault({ keyring: null, ...o })

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

describe('createKeyFileVault (browser mode / headless)', () => {
  it('round-trips, with 0600 files, and no plaintext on disk', async () => {
    const vault = fileVault({ dir })
    expect(vault.kind).toBe('encrypted-file')
    expect(await vault.load()).toBeUndefined()
    await vault.save(SECRET)
    expect(await vault.load()).toBe(SECRET)
    expect(await fileVault({ dir }).load()).toBe(SECRET)
    expect(await findInFiles(dir, ['AT-plain-7f3a9', 'RT-plain-c21e0', SECRET])).toEqual([])
    if (process.platform !== 'win32') {
      expect(await modeOf(join(dir, 'tokens.enc'))).toBe(0o600)
      expect(await modeOf(join(dir, 'tokens.key'))).toBe(0o600)
    }
    expect((await readFile(join(dir, 'tokens.key'))).length).toBe(32)
  })

  it('keeps the key in a separate directory when asked', async () => {
    const keyDir = join(dir, 'keys')
    const vault = fileVault({ dir: join(dir, 'data'), keyDir })
    await vault.save(SECRET)
    expect(await readdir(keyDir)).toEqual(['tokens.key'])
    expect(await readdir(join(dir, 'data'))).toEqual(['tokens.enc'])
  })

  it('treats a damaged token file, a foreign key or a missing key as signed out, and removes them', async () => {
    const reasons: string[] = []
    const vault = fileVault({ dir, onCorrupt: (why) => reasons.push(why) })
    await vault.save(SECRET)
    const sealed = await readFile(join(dir, 'tokens.enc'))
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 1) ^ 0xff, sealed.length - 1)
    await writeFile(join(dir, 'tokens.enc'), sealed)
    expect(await fileVault({ dir }).load()).toBeUndefined()
    expect(await readdir(dir)).toEqual([])

    await vault.save(SECRET)
    await writeFile(join(dir, 'tokens.key'), Buffer.alloc(32, 7))
    expect(await fileVault({ dir, onCorrupt: (why) => reasons.push(why) }).load()).toBeUndefined()

    await vault.save(SECRET)
    await writeFile(join(dir, 'tokens.enc'), 'garbage')
    expect(await fileVault({ dir }).load()).toBeUndefined()
    expect(reasons.length).toBeGreaterThanOrEqual(1)
    expect(reasons.join(' ')).not.toContain('plain')
  })

  it('clear() removes both files', async () => {
    const vault = fileVault({ dir })
    await vault.save(SECRET)
    await vault.clear()
    expect(await readdir(dir)).toEqual([])
    expect(await vault.load()).toBeUndefined()
  })

  it('is atomic: a crash before the rename leaves the previous value and no temp file', async () => {
    const vault = fileVault({ dir })
    await vault.save('old value')
    const crashing: VaultFs = {
      ...defaultFs,
      rename: async () => {
        throw Object.assign(new Error('simulated crash'), { code: 'EIO' })
      }
    }
    const broken = fileVault({ dir, fs: crashing })
    await expect(broken.save('new value')).rejects.toThrow('simulated crash')
    expect(await fileVault({ dir }).load()).toBe('old value')
    expect((await readdir(dir)).sort()).toEqual(['tokens.enc', 'tokens.key'])
  })

  it('serialises concurrent saves: the last one wins', async () => {
    const vault = fileVault({ dir })
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.save(`v${i}`)))
    expect(await fileVault({ dir }).load()).toBe('v19')
  })
})

describe('createMemoryVault', () => {
  it('keeps the value in memory only and carries an optional reason', async () => {
    const vault = createMemoryVault({ unavailableReason: 'why' })
    expect(vault.kind).toBe('memory')
    expect(vault.unavailableReason).toBe('why')
    await vault.save('x')
    expect(await vault.load()).toBe('x')
    await vault.clear()
    expect(await vault.load()).toBeUndefined()
    expect(createMemoryVault().unavailableReason).toBeUndefined()
  })
})
