/**
 * "Try the demo": the embedded emulator with its simulated call centre, started in-process on an
 * ephemeral loopback port. Loaded on demand so a signed-in agent never pays for it.
 */
import type { Emulator } from '../../emulator'
import type { DemoHandle } from './demo-lifecycle'

export interface DemoOptions {
  readonly seed?: number
  readonly speed?: number
}

/** What the core needs from a running emulator to sign in to it, and to close it at sign-out. */
export function demoHandle(emulator: Emulator): DemoHandle {
  return {
    server: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    jwt: emulator.jwt,
    close: () => emulator.close()
  }
}

export async function startEmbeddedEmulator(options: DemoOptions = {}): Promise<DemoHandle> {
  const { startEmulator } = await import('../../emulator')
  return demoHandle(await startEmulator({ port: 0, ...options }))
}
