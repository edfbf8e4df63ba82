/**
 * "Try the demo": the embedded emulator with its simulated call centre, started in-process on an
 * ephemeral loopback port. Loaded on demand so a signed-in agent never pays for it.
 */
import type { DemoHandle } from './core'

export interface DemoOptions {
  readonly seed?: number
  readonly speed?: number
}

export async function startEmbeddedEmulator(options: DemoOptions = {}): Promise<DemoHandle> {
  const { startEmulator } = await import('../../emulator')
  const emulator = await startEmulator({ port: 0, ...options })
  return {
    server: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    jwt: emulator.jwt,
    close: () => emulator.close()
  }
}
