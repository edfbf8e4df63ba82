import { SDK } from '@ringcentral/sdk'
import type { TokenVault } from '../ports'
import { loadSdkStorage, type SdkStorage } from './sdk-storage'
import type { RcPlatform, SdkTuning, SignInMethod } from './session-types'

/**
 * One SDK instance with its token cache. Which server and app the tokens belong to is stored next
 * to them (same encrypted blob), so `restore()` rebuilds exactly the SDK that obtained them: a
 * refresh token is only valid at the server and for the client id that issued it.
 */
export interface SessionMeta {
  readonly v: 1
  readonly method: SignInMethod
  readonly server: string
  readonly clientId: string
  /** Only for confidential (JWT) apps configured at run time; encrypted with the tokens. */
  readonly clientSecret?: string
}

export interface SdkSession {
  readonly meta: SessionMeta
  readonly sdk: SDK
  readonly platform: RcPlatform
  readonly vault: TokenVault
  readonly storage: SdkStorage
  /** The token owner (`owner_id`), once tokens exist. */
  ownerId(): Promise<string | undefined>
  /** Whether a refresh token is stored (i.e. there is a session to resume). */
  hasRefreshToken(): Promise<boolean>
  /** Forgets the tokens in memory and in the vault; later SDK writes stay in memory. */
  forget(): Promise<void>
}

export interface SdkSessionDeps {
  readonly appVersion: string
  readonly tuning?: SdkTuning
  readonly onWarning: (message: string) => void
}

const META_KEY = 'ringside-session'

/** A fresh session for a new sign-in: whatever the vault held before is discarded. */
export async function newSdkSession(
  vault: TokenVault,
  meta: SessionMeta,
  deps: SdkSessionDeps,
  redirectUri = ''
): Promise<SdkSession> {
  await vault.clear()
  const storage = await loadSdkStorage(vault, { onPersistError: persistWarning(deps) })
  await storage.setItem(META_KEY, JSON.stringify(meta))
  return build(vault, storage, meta, deps, redirectUri)
}

/** The stored session, or undefined (and a cleared vault) when there is none or it is unusable. */
export async function resumeSdkSession(
  vault: TokenVault,
  deps: SdkSessionDeps
): Promise<SdkSession | undefined> {
  const storage = await loadSdkStorage(vault, { onPersistError: persistWarning(deps) })
  const meta = parseMeta(storage.getItem(META_KEY))
  if (meta === undefined) {
    await storage.clear()
    return undefined
  }
  return build(vault, storage, meta, deps, '')
}

function build(
  vault: TokenVault,
  storage: SdkStorage,
  meta: SessionMeta,
  deps: SdkSessionDeps,
  redirectUri: string
): SdkSession {
  const sdk = new SDK({
    server: meta.server,
    clientId: meta.clientId,
    ...(meta.clientSecret === undefined ? {} : { clientSecret: meta.clientSecret }),
    redirectUri,
    appName: 'Ringside',
    appVersion: deps.appVersion,
    // The SDK types this as the DOM `Storage`; it only calls getItem/setItem/removeItem/keys
    // (node_modules/@ringcentral/sdk/src/core/Cache.ts), which SdkStorage provides.
    localStorage: storage as unknown as Storage,
    // Never wipe tokens on a failed refresh: classify.ts decides (reliability-security §1c).
    clearCacheOnRefreshError: false,
    enableDiscovery: false,
    ...deps.tuning
  })
  const platform = sdk.platform()
  return {
    meta,
    sdk,
    platform,
    vault,
    storage,
    ownerId: async () => {
      const owner: unknown = (await platform.auth().data()).owner_id
      return typeof owner === 'string' || typeof owner === 'number' ? String(owner) : undefined
    },
    hasRefreshToken: async () => {
      const data = await platform.auth().data()
      return typeof data.refresh_token === 'string' && data.refresh_token.length > 0
    },
    forget: async () => {
      await storage.dispose()
      await vault.clear()
    }
  }
}

function persistWarning(deps: SdkSessionDeps): (error: unknown) => void {
  return (error) => {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error'
    // Only the error code: messages of some fs errors contain paths, never tokens, but keep it terse.
    deps.onWarning(
      `[auth] could not save the session to the token vault (${code}); it lasts until quit`
    )
  }
}

function parseMeta(raw: string | null): SessionMeta | undefined {
  if (raw === null) {
    return undefined
  }
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) {
      return undefined
    }
    const record = value as Record<string, unknown>
    const method = record.method
    if (
      record.v !== 1 ||
      (method !== 'browser' && method !== 'jwt' && method !== 'demo') ||
      typeof record.server !== 'string' ||
      typeof record.clientId !== 'string' ||
      (record.clientSecret !== undefined && typeof record.clientSecret !== 'string')
    ) {
      return undefined
    }
    return {
      v: 1,
      method,
      server: record.server,
      clientId: record.clientId,
      ...(typeof record.clientSecret === 'string' ? { clientSecret: record.clientSecret } : {})
    }
  } catch {
    return undefined
  }
}
