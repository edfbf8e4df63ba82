import type { TokenVault } from '../ports'

/**
 * A vault that forgets everything when the process ends: tests, the demo (its emulator dies with the
 * process, so its tokens are worthless after a restart) and the fallback when no encryption exists.
 */
export function createMemoryVault(options: { unavailableReason?: string } = {}): TokenVault {
  let value: string | undefined
  return {
    kind: 'memory',
    ...(options.unavailableReason === undefined
      ? {}
      : { unavailableReason: options.unavailableReason }),
    load: async () => value,
    save: async (next) => {
      value = next
    },
    clear: async () => {
      value = undefined
    }
  }
}
