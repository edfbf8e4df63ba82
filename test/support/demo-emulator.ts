/**
 * The demo as tests run it: the core's `startDemo` starts the in-process emulator on an ephemeral
 * port, and the test keeps a handle on that emulator to read its truth and inject faults. Shared by
 * the core rig (test/main/core/integration) and the end-to-end app (test/e2e).
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator'
import { demoHandle } from '../../src/main/core/demo'
import type { DemoHandle } from '../../src/main/core/demo-lifecycle'

/** Rate limits no test reaches by accident; a test about the limits sets its own. */
export const UNLIMITED = { limits: { auth: 10_000, light: 10_000, medium: 10_000, heavy: 10_000 } }

export interface TestDemo {
  /** For `CoreOptions.startDemo`: starts an emulator with the options given to `testDemo`. */
  readonly startDemo: () => Promise<DemoHandle>
  /** The emulator the demo started last; throws while the demo has not started. */
  emulator(): Emulator
  /** Closes that emulator, if one started; never throws. */
  close(): Promise<void>
}

export function testDemo(options: EmulatorOptions): TestDemo {
  let emulator: Emulator | undefined
  return {
    startDemo: async () => {
      emulator = await startEmulator({ port: 0, rateLimits: UNLIMITED, ...options })
      return demoHandle(emulator)
    },
    emulator: () => {
      if (!emulator) throw new Error('the demo has not started')
      return emulator
    },
    close: async () => {
      await emulator?.close().catch(() => undefined)
    }
  }
}
