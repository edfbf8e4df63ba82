import { SDK } from '@ringcentral/sdk'
import type { TokenVault } from '../ports'
import { loadSdkStorage, type SdkStorage } from './sdk-storage'
import type { ClientCredentials, RcPlatform, SdkTuning, SignInMethod } from './auth-types'

/**
 * Which server and app a sign-in's tokens belong to. It is stored next to them (same encrypted
 * blob), so `restore()` rebuilds exactly the SDK that obtained them: a refresh token is only valid
 * at the server and for the client id that issued it.
 */
export interface SignInMeta {
  readonly v: 1
  readonly method: SignInMethod
  readonly server: string
  readonly clientId: string
  /** Only for confidential (JWT) apps configured at run time; encrypted with the tokens. */
  readonly clientSecret?: string
}

/** One sign-in with RingCentral: the SDK that holds its tokens, and where they are kept. */
export interface SdkSignIn {
  readonly meta: SignInMeta
  readonly sdk: SDK
  readonly platform: RcPlatform
  readonly vault: TokenVault
  readonly storage: SdkStorage
  /** The token owner (`owner_id`), once tokens exist. */
  ownerId(): Promise<string | undefined>
  /** Whether a refresh token is stored (i.e. there is a sign-in to resume). */
  hasRefreshToken(): Promise<boolean>
  /** Forgets the tokens in memory and in the vault; later SDK writes stay in memory. */
  forget(): Promise<void>
}

export interface SdkSignInDeps {
  readonly appVersion: string
  readonly tuning?: SdkTuning
  readonly onWarning: (message: string) => void
}

/**
 * Where the meta is stored in the token cache. The value keeps its old word: it is in every vault
 * written so far, and a new key would sign every agent out on upgrade.
 */
const META_KEY = 'ringside-session'

/** The meta for a new sign-in with `client` at `server`. */
export function signInMeta(
  method: SignInMethod,
  server: string,
  client: ClientCredentials
): SignInMeta {
  return {
    v: 1,
    method,
    server,
    clientId: client.clientId,
    ...(client.clientSecret === undefined ? {} : { clientSecret: client.clientSecret })
  }
}

/** A fresh SDK for a new sign-in: whatever the vault held before is discarded. */
export async function newSdkSignIn(
  vault: TokenVault,
  meta: SignInMeta,
  deps: SdkSignInDeps,
  redirectUri = ''
): Promise<SdkSignIn> {
  await vault.clear()
  const storage = await loadSdkStorage(vault, { onPersistError: persistWarning(deps) })
  await storage.setItem(META_KEY, JSON.stringify(meta))
  return build(vault, storage, meta, deps, redirectUri)
}

/** The stored sign-in, or undefined (and a cleared vault) when there is none or it is unusable. */
export async function resumeSdkSignIn(
  vault: TokenVault,
  deps: SdkSignInDeps
): Promise<SdkSignIn | undefined> {
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
  meta: SignInMeta,
  deps: SdkSignInDeps,
  redirectUri: string
): SdkSignIn {
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
    // Never wipe tokens on a failed refresh: classify.ts decides (docs/security.md#refresh-errors).
    clearCacheOnRefreshError: false,
    enableDiscovery: false,
    ...nodeFetch(),
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

/**
 * Node's own fetch (undici) instead of the node-fetch 2 the SDK's Node entry installs. The SDK reads
 * every error body through `response.clone()`; node-fetch tees a clone into two PassThrough streams
 * and, when the socket resets, destroys the unread one with the error, which nobody listens to: an
 * uncaught exception that ends the process (docs/platform.md#sdk-fetch). undici's streams report
 * the reset to whoever reads them and to no one else. The subscriptions client and `@rc-ex/ws`
 * send wstoken through this SDK, so they use it too. Read at build time, so a test that stubs
 * the global sees its stub.
 */
function nodeFetch(): Pick<SdkTuning, 'fetch' | 'Request' | 'Response' | 'Headers'> {
  return {
    fetch: globalThis.fetch,
    Request: globalThis.Request,
    Response: globalThis.Response,
    Headers: globalThis.Headers
  }
}

function persistWarning(deps: SdkSignInDeps): (error: unknown) => void {
  return (error) => {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error'
    // Only the error code: messages of some fs errors contain paths, never tokens, but keep it terse.
    deps.onWarning(
      `[auth] could not save the sign-in to the token vault (${code}); it lasts until quit`
    )
  }
}

function parseMeta(raw: string | null): SignInMeta | undefined {
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
