/**
 * The ports through which the core reaches the platform it runs on. The core never imports
 * `electron`: the Electron shell, browser mode and tests each fill these in
 * (docs/architecture.md#three-runtimes-one-core).
 */
import type { KeyStorageView } from '../../shared/ipc/status'

/** Where a vault keeps the key to its sealed tokens (the status view's type, defined once). */
export type KeyStorage = KeyStorageView

/** Time and timers, injectable so supervisors and pollers are testable with fake time. */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): Timer
  clearTimeout(timer: Timer): void
}
export interface Timer {
  /** Lets the process exit while only this timer is pending (Node's `unref`). */
  unref?(): void
}

/**
 * Encrypted storage for the SDK's token cache. Implementations: Electron safeStorage + a 0600 file,
 * a key file in browser mode, memory in tests. `available` is false when no encryption is possible;
 * the core then keeps tokens in memory only and tells the user why. Never plaintext on disk.
 */
export interface TokenVault {
  /** Where tokens live, for the UI: 'encrypted-file' | 'memory'. */
  readonly kind: 'encrypted-file' | 'memory'
  /** Why tokens are not persisted, when `kind` is 'memory' although persistence was wanted. */
  readonly unavailableReason?: string
  /** Where the key to the sealed tokens lives, for a vault that keeps one apart (browser mode). */
  keyStorage?(): Promise<KeyStorage>
  load(): Promise<string | undefined>
  save(value: string): Promise<void>
  clear(): Promise<void>
}

/** OS signals that the network or the machine woke up: the socket may be dead without knowing it. */
export interface PowerEvents {
  onResume(listener: () => void): () => void
  onNetworkChange(listener: (online: boolean) => void): () => void
  /** Whether the OS reports a network now (before any change is reported). */
  isOnline?(): boolean
}

/** A pop-up for the agent: tray balloon or native notification in Electron, a bridge event in browser mode. */
export interface Notifier {
  notify(note: { readonly title: string; readonly body: string; readonly tag?: string }): void
}

/** Opens the system browser (RFC 8252: never an embedded web view for sign-in). */
export interface Browser {
  open(url: string): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>)
}
