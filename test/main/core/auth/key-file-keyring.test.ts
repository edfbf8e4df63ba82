import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createKeyFileVault } from '../../../../src/main/core/auth/key-file-vault'
import { createOsKeyring, type Keyring } from '../../../../src/main/core/auth/os-keyring'
import { findInFiles, tempDir } from './support/files'

const SECRET = JSON.stringify({ access_token: 'AT-plain-7f3a9', refresh_token: 'RT-plain-c21e0' })

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

/** A keyring in memory, counting its calls; `refuse` makes writes fail, as a locked one does. */
function memoryKeyring(refuse = false): Keyring & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    get: async (a) => items.get(a),
    set: async (a, s) => {
      if (refuse) throw new Error('AccessDenied')
      items.set(a, s)
    },
    delete: async (a) => {
      items.delete(a)
    }
  }
}

const failing: Keyring = {
  get: () => Promise.reject(new Error('Platform failure: no keyring daemon')),
  set: () => Promise.reject(new Error('Platform failure: no keyring daemon')),
  delete: () => Promise.reject(new Error('Platform failure: no keyring daemon'))
}
const hanging: Keyring = {
  get: () => new Promise(() => undefined),
  set: () => new Promise(() => undefined),
  delete: () => new Promise(() => undefined)
}

describe('createKeyFileVault with an OS keyring', () => {
  it('keeps the key in the keyring when one answers: no key file, ever', async () => {
    const keyring = memoryKeyring()
    const vault = createKeyFileVault({ dir, keyring })
    expect(await vault.keyStorage()).toEqual({ where: 'os-keyring' })
    await vault.save(SECRET)
    expect(await readdir(dir)).toEqual(['tokens.enc'])
    expect(await createKeyFileVault({ dir, keyring }).load()).toBe(SECRET)
    expect(await findInFiles(dir, ['AT-plain-7f3a9', ...keyring.items.values()])).toEqual([])
    // One entry, named by the key file's path, holding a 32-byte key.
    expect([...keyring.items.keys()]).toEqual([join(dir, 'tokens.key')])
    expect(Buffer.from([...keyring.items.values()][0]!, 'base64')).toHaveLength(32)

    await vault.clear()
    expect(await readdir(dir)).toEqual([])
    expect(keyring.items.size).toBe(0)
    // A new session after sign-out gets a new key, in the keyring again.
    await vault.save(SECRET)
    expect(await readdir(dir)).toEqual(['tokens.enc'])
    expect(keyring.items.size).toBe(1)
  })

  it('falls back to the key file when the keyring fails, and says why', async () => {
    const vault = createKeyFileVault({ dir, keyring: failing })
    const storage = await vault.keyStorage()
    expect(storage).toEqual({
      where: 'key-file',
      reason: expect.stringContaining('no keyring daemon')
    })
    await vault.save(SECRET)
    expect((await readdir(dir)).sort()).toEqual(['tokens.enc', 'tokens.key'])
    expect(await createKeyFileVault({ dir, keyring: failing }).load()).toBe(SECRET)
  })

  it('does not trust a keyring that reads but refuses to store', async () => {
    const vault = createKeyFileVault({ dir, keyring: memoryKeyring(true) })
    expect(await vault.keyStorage()).toMatchObject({
      where: 'key-file',
      reason: expect.stringContaining('AccessDenied')
    })
    await vault.save(SECRET)
    expect((await readFile(join(dir, 'tokens.key'))).length).toBe(32)
  })

  it('bounds a keyring that never answers', async () => {
    const started = performance.now()
    const vault = createKeyFileVault({ dir, keyring: hanging, keyringTimeoutMs: 100 })
    await vault.save(SECRET)
    expect(await vault.load()).toBe(SECRET)
    expect(await vault.keyStorage()).toMatchObject({
      where: 'key-file',
      reason: expect.stringContaining('no answer within 100 ms')
    })
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('moves an existing key file into the keyring on the first run that has one', async () => {
    await createKeyFileVault({ dir, keyring: null }).save(SECRET)
    const fileKey = await readFile(join(dir, 'tokens.key'))
    const keyring = memoryKeyring()
    const vault = createKeyFileVault({ dir, keyring })
    expect(await vault.load()).toBe(SECRET)
    expect(await vault.keyStorage()).toEqual({ where: 'os-keyring' })
    expect(await readdir(dir)).toEqual(['tokens.enc'])
    expect(Buffer.from([...keyring.items.values()][0]!, 'base64').equals(fileKey)).toBe(true)
    // And the next run finds it there.
    expect(await createKeyFileVault({ dir, keyring }).load()).toBe(SECRET)
  })

  it('goes back to a key file when the keyring stops taking keys', async () => {
    let refuse = false
    const items = new Map<string, string>()
    const flaky: Keyring = {
      get: async (a) => items.get(a),
      set: async (a, s) => {
        if (refuse) throw new Error('locked')
        items.set(a, s)
      },
      delete: async (a) => void items.delete(a)
    }
    const vault = createKeyFileVault({ dir, keyring: flaky })
    await vault.save(SECRET)
    await vault.clear()
    refuse = true
    await vault.save(SECRET)
    expect(await vault.keyStorage()).toMatchObject({
      where: 'key-file',
      reason: expect.stringContaining('locked')
    })
    expect((await readdir(dir)).sort()).toEqual(['tokens.enc', 'tokens.key'])
    expect(await vault.load()).toBe(SECRET)
  })
})

describe('the real OS keyring', () => {
  const bus = process.env['DBUS_SESSION_BUS_ADDRESS']
  afterEach(() => {
    if (bus === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS']
    else process.env['DBUS_SESSION_BUS_ADDRESS'] = bus
  })

  it.each([
    ['as the machine has it', bus],
    // A bus address that leads nowhere: the native module is loaded and must fail fast.
    ['with a D-Bus address that leads nowhere', 'unix:path=/nonexistent/ringside-bus']
  ])('answers or falls back quickly and quietly (%s)', async (_, address) => {
    if (address === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS']
    else process.env['DBUS_SESSION_BUS_ADDRESS'] = address
    const spies = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(process.stderr, 'write')
    ]
    const started = performance.now()
    const vault = createKeyFileVault({ dir, keyring: createOsKeyring('Ringside test key') })
    const storage = await vault.keyStorage()
    await vault.save(SECRET)
    expect(await vault.load()).toBe(SECRET)
    await vault.clear()
    const elapsed = performance.now() - started
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled()
      spy.mockRestore()
    }
    if (storage.where === 'key-file') expect(storage.reason).not.toBe('')
    // Bounded by the probe's timeout (2 s per call) even where the keyring hangs.
    expect(elapsed).toBeLessThan(5_000)
  })
})
