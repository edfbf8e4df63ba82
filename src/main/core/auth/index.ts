/** Sign-in: token vaults, the SDK token cache, PKCE, the loopback redirect and the AuthService. */
export {
  AUTH_ERROR_CODES,
  AuthError,
  authMessage,
  type AuthErrorCode,
  type SignOutReason
} from './errors'
export {
  createKeyFileVault,
  type KeyFileVault,
  type KeyFileVaultOptions,
  type KeyStorage
} from './key-file-vault'
export { createOsKeyring, type Keyring } from './os-keyring'
export { createMemoryVault } from './memory-vault'
export { loadSdkStorage, type SdkStorage, type SdkStorageOptions } from './sdk-storage'
export { challengeS256, createState, createVerifier, isValidVerifier, statesEqual } from './pkce'
export {
  DEFAULT_CALLBACK_PATH,
  DEFAULT_LOGIN_TIMEOUT_MS,
  startLoopback,
  type LoopbackListener,
  type LoopbackOptions
} from './loopback'
export { classifyRefreshError, signInError, type RefreshVerdict } from './classify'
export { isLoopbackHost, parseServerUrl, PRODUCTION_SERVER } from './server-url'
export { createAuthService } from './auth-service'
export type {
  AuthService,
  AuthServiceOptions,
  AuthState,
  ClientCredentials,
  DemoCredentials,
  RcPlatform,
  SdkTuning,
  SignInMethod
} from './auth-types'
