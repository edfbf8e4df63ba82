import type { TokenVault } from '../ports'

/**
 * The `localStorage` that `@ringcentral/sdk` keeps its tokens in
 * (docs/platform.md#sdk-token-storage: key `rc-platform`, JSON of the token response plus expiry
 * times). In Node the SDK's default is an in-memory `dom-storage`, lost on restart; this one is a
 * `Map` mirrored into a `TokenVault`.
 *
 * The SDK's `Cache` awaits `setItem`/`removeItem`
 * (node_modules/@ringcentral/sdk/src/core/Cache.ts), so returning the persistence promise means a
 * refresh only resolves, and only emits `refreshSuccess`, once the rotated refresh token is in the
 * vault (docs/platform.md#concurrent-401s). The whole map is written as one blob through the
 * vault's atomic write, so a crash leaves either the old pair or the new pair, never a mix. Writes
 * are serialised and coalesced: while one is in flight, any number of changes collapse into one
 * more write of the latest state.
 */
export interface SdkStorage {
  /** Synchronous on purpose: the SDK's `getItemSync` path needs it, and the async one awaits it. */
  getItem(key: string): string | null
  setItem(key: string, value: string): Promise<void>
  removeItem(key: string): Promise<void>
  /** Used by the SDK's `Cache.clean()`; without it `clean()` would see method names, not keys. */
  keys(): string[]
  /** Resolves once every change made so far has reached the vault. */
  flush(): Promise<void>
  /** Forgets everything, in memory and in the vault. */
  clear(): Promise<void>
  /**
   * Forgets everything and detaches from the vault for good. A sign-out may leave SDK work in
   * flight (a slow revoke, a refresh); when it lands it must not write into, or clear, a vault that
   * a newer sign-in now uses.
   */
  dispose(): Promise<void>
}

export interface SdkStorageOptions {
  /**
   * Told when the vault could not be written. The change stays in memory, so the sign-in goes on,
   * but it will not survive a restart. Never rethrown into the SDK: a full disk must not turn a
   * successful refresh into a failed one (the server has already rotated the token).
   */
  readonly onPersistError?: (error: unknown) => void
}

interface Persisted {
  readonly v: 1
  readonly items: Record<string, string>
}

/** Reads the vault (a damaged blob counts as empty and is cleared) and returns the storage. */
export async function loadSdkStorage(
  vault: TokenVault,
  options: SdkStorageOptions = {}
): Promise<SdkStorage> {
  const items = new Map<string, string>()
  const initial = parsePersisted(await vault.load())
  if (initial === 'invalid') {
    await vault.clear()
  } else if (initial !== undefined) {
    for (const [key, value] of Object.entries(initial.items)) {
      items.set(key, value)
    }
  }

  let dirty = false
  let writing: Promise<void> | undefined

  async function drain(): Promise<void> {
    try {
      while (dirty) {
        dirty = false
        const blob = serialise(items)
        try {
          await (blob === undefined ? vault.clear() : vault.save(blob))
        } catch (error) {
          options.onPersistError?.(error)
        }
      }
    } finally {
      writing = undefined
    }
  }

  let detached = false

  function persist(): Promise<void> {
    if (detached) {
      return writing ?? Promise.resolve()
    }
    dirty = true
    writing ??= drain()
    return writing
  }

  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value))
      return persist()
    },
    removeItem: (key) => {
      items.delete(key)
      return persist()
    },
    keys: () => [...items.keys()],
    flush: () => writing ?? Promise.resolve(),
    clear: () => {
      items.clear()
      return persist()
    },
    dispose: async () => {
      items.clear()
      await persist()
      detached = true
    }
  }
}

function serialise(items: ReadonlyMap<string, string>): string | undefined {
  if (items.size === 0) {
    return undefined
  }
  const persisted: Persisted = { v: 1, items: Object.fromEntries(items) }
  return JSON.stringify(persisted)
}

function parsePersisted(raw: string | undefined): Persisted | 'invalid' | undefined {
  if (raw === undefined) {
    return undefined
  }
  try {
    const value: unknown = JSON.parse(raw)
    if (
      typeof value === 'object' &&
      value !== null &&
      'v' in value &&
      value.v === 1 &&
      'items' in value &&
      typeof value.items === 'object' &&
      value.items !== null &&
      Object.values(value.items).every((item) => typeof item === 'string')
    ) {
      return { v: 1, items: { ...(value.items as Record<string, string>) } }
    }
  } catch {
    // fall through: unreadable means signed out, never a crash
  }
  return 'invalid'
}
