import { vi } from 'vitest'
import { createKeyFileVault } from '../../../../../src/main/core/auth/key-file-vault'
import type { VaultFs } from '../../../../../src/main/core/auth/secure-file'
import { createAuthService } from '../../../../../src/main/core/auth/auth-service'
import type { AuthService, AuthState } from '../../../../../src/main/core/auth/auth-types'
import type { TokenVault } from '../../../../../src/main/core/ports'
import { fakeBrowser, type FakeBrowser } from './fake-browser'
import { findInFiles, tempDir } from './files'
import { createManualClock, type ManualClock } from './manual-clock'
import { startStubPlatform, type StubPlatform } from './stub-platform'
import { waitFor } from '../../../../support/wait'

export interface AuthFixture {
  readonly stub: StubPlatform
  readonly dir: string
  readonly vault: TokenVault
  readonly browser: FakeBrowser
  readonly clock: ManualClock
  readonly service: AuthService
  readonly states: AuthState[]
  /** Everything written to console.* during the test, as text. */
  consoleText(): string
  /** A second service on the same data directory: Ringside after a restart. */
  restart(): AuthService
  /** Secrets the stub issued that appear in a file under the data dir or in console output. */
  leaks(): Promise<string[]>
  dispose(): Promise<void>
}

export async function createAuthFixture(
  options: { loginTimeoutMs?: number; refreshDelayMs?: number; fs?: VaultFs } = {}
): Promise<AuthFixture> {
  const stub = await startStubPlatform()
  const { dir, cleanup } = await tempDir()
  const logged: unknown[][] = []
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args))
  )
  const clock = createManualClock()
  const browser = fakeBrowser()
  const states: AuthState[] = []
  const make = (vault: TokenVault): AuthService =>
    createAuthService({
      vault,
      browser,
      clock,
      appVersion: '0.1.0-test',
      client: { clientId: stub.clientId, clientSecret: stub.clientSecret },
      server: stub.url,
      refreshBackoff: { random: () => 0.5 },
      sdkTuning: { refreshDelayMs: options.refreshDelayMs ?? 100 },
      ...(options.loginTimeoutMs === undefined ? {} : { loginTimeoutMs: options.loginTimeoutMs })
    })
  const vault = createKeyFileVault({
    dir,
    keyring: null,
    ...(options.fs === undefined ? {} : { fs: options.fs })
  })
  const service = make(vault)
  service.onChange((state) => states.push(state))
  const consoleText = (): string =>
    logged
      .flat()
      .map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack ?? ''}` : String(arg)))
      .join('\n')
  return {
    stub,
    dir,
    vault,
    browser,
    clock,
    service,
    states,
    consoleText,
    restart: () => make(createKeyFileVault({ dir, keyring: null })),
    async leaks() {
      const secrets = [...stub.secrets]
      const inFiles = await findInFiles(dir, secrets)
      const text = consoleText()
      return [...inFiles, ...secrets.filter((s) => text.includes(s)).map((s) => `${s} in console`)]
    },
    async dispose() {
      await Promise.all(browser.visits)
      await service.signOut().catch(() => undefined)
      for (const spy of spies) spy.mockRestore()
      await stub.close()
      await cleanup()
    }
  }
}

/** Waits (real time) until `check` holds, or fails after `ms` (generous: CI is slower). */
export const eventually = (check: () => boolean, ms = 10_000): Promise<void> =>
  waitFor(check, 'the condition', ms)
