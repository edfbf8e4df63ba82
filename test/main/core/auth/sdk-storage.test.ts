import { SDK } from '@ringcentral/sdk'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryVault } from '../../../../src/main/core/auth/memory-vault'
import { loadSdkStorage } from '../../../../src/main/core/auth/sdk-storage'
import type { TokenVault } from '../../../../src/main/core/ports'

/** A vault whose saves wait until the test releases them. */
function gatedVault(): TokenVault & { saves: string[]; release(): void; clears: number } {
  let gate: Promise<void> = new Promise(() => undefined)
  let open: () => void = () => undefined
  const reset = (): void => {
    gate = new Promise((resolve) => (open = resolve))
  }
  reset()
  let stored: string | undefined
  const vault = {
    kind: 'encrypted-file' as const,
    saves: [] as string[],
    clears: 0,
    load: async () => stored,
    save: async (value: string) => {
      await gate
      vault.saves.push(value)
      stored = value
    },
    clear: async () => {
      vault.clears += 1
      stored = undefined
    },
    release: () => {
      open()
      reset()
    }
  }
  return vault
}

describe('SDK storage adapter', () => {
  it('loads what the vault holds before the SDK is created', async () => {
    const vault = createMemoryVault()
    await vault.save(JSON.stringify({ v: 1, items: { 'rc-platform': '{"a":1}' } }))
    const storage = await loadSdkStorage(vault)
    expect(storage.getItem('rc-platform')).toBe('{"a":1}')
    expect(storage.getItem('other')).toBeNull()
    expect(storage.keys()).toEqual(['rc-platform'])
  })

  it('resolves setItem only once the value is in the vault (refresh waits for persistence)', async () => {
    const vault = gatedVault()
    const storage = await loadSdkStorage(vault)
    const done = vi.fn()
    void storage.setItem('rc-platform', 'rotated').then(done)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(done).not.toHaveBeenCalled()
    expect(storage.getItem('rc-platform')).toBe('rotated')
    vault.release()
    await storage.flush()
    expect(done).toHaveBeenCalled()
    expect(JSON.parse(vault.saves[0] ?? '')).toEqual({ v: 1, items: { 'rc-platform': 'rotated' } })
  })

  it('serialises and coalesces writes: one in flight, one more with the latest state', async () => {
    const vault = gatedVault()
    const storage = await loadSdkStorage(vault)
    const writes = Array.from({ length: 10 }, (_, i) => storage.setItem('k', `v${i}`))
    vault.release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    vault.release()
    await Promise.all(writes)
    expect(vault.saves.length).toBeLessThanOrEqual(2)
    expect(JSON.parse(vault.saves.at(-1) ?? '').items.k).toBe('v9')
  })

  it('clears the vault when the last item goes, and on clear()', async () => {
    const vault = createMemoryVault()
    const storage = await loadSdkStorage(vault)
    await storage.setItem('a', '1')
    expect(await vault.load()).toBeDefined()
    await storage.removeItem('a')
    expect(await vault.load()).toBeUndefined()
    await storage.setItem('b', '2')
    await storage.clear()
    expect(await vault.load()).toBeUndefined()
    expect(storage.keys()).toEqual([])
  })

  it('after dispose(), late SDK writes stay in memory and never touch the vault again', async () => {
    const vault = createMemoryVault()
    const storage = await loadSdkStorage(vault)
    await storage.setItem('a', '1')
    await storage.dispose()
    expect(await vault.load()).toBeUndefined()
    await vault.save('a newer sign-in')
    await storage.setItem('rc-platform', 'late refresh result')
    await storage.removeItem('rc-platform')
    expect(await vault.load()).toBe('a newer sign-in')
  })

  it('treats an unreadable blob as empty and clears it', async () => {
    for (const blob of ['not json', '{"v":2,"items":{}}', '{"v":1,"items":{"a":1}}', 'null']) {
      const vault = createMemoryVault()
      await vault.save(blob)
      const storage = await loadSdkStorage(vault)
      expect(storage.keys()).toEqual([])
      expect(await vault.load()).toBeUndefined()
    }
  })

  it('reports a failed vault write without failing the SDK, and keeps the value in memory', async () => {
    const onPersistError = vi.fn()
    const vault: TokenVault = {
      ...createMemoryVault(),
      save: async () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
      }
    }
    const storage = await loadSdkStorage(vault, { onPersistError })
    await expect(storage.setItem('a', '1')).resolves.toBeUndefined()
    expect(onPersistError).toHaveBeenCalledTimes(1)
    expect(storage.getItem('a')).toBe('1')
  })

  it("works as the SDK's localStorage, including Cache.clean()", async () => {
    const vault = createMemoryVault()
    const storage = await loadSdkStorage(vault)
    await storage.setItem('ringside-session', 'meta')
    const sdk = new SDK({
      server: 'http://127.0.0.1:9',
      clientId: 'c',
      localStorage: storage as unknown as Storage
    })
    await sdk.platform().auth().setData({ access_token: 'AT', expires_in: '3600' })
    expect(JSON.parse(storage.getItem('rc-platform') ?? '{}').access_token).toBe('AT')
    expect(JSON.parse((await vault.load()) ?? '{}').items['rc-platform']).toContain('AT')
    await sdk.cache().clean()
    expect(storage.keys()).toEqual(['ringside-session'])
  })
})
