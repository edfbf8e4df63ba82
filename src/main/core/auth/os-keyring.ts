/**
 * The OS keyring as a port: macOS Keychain, Windows Credential Manager, the Secret Service on Linux
 * (GNOME Keyring, KWallet), through @napi-rs/keyring. Browser mode keeps its token key there, away
 * from the token file, where one exists; the vault (key-file-vault.ts) bounds every call and falls
 * back to a key file when this rejects or does not answer.
 */

/** A store for one small secret per account name. Every method rejects when the keyring is unusable. */
export interface Keyring {
  /** The stored secret, or undefined when there is none. */
  get(account: string): Promise<string | undefined>
  set(account: string, secret: string): Promise<void>
  /** Removes the secret; resolves whether or not there was one. */
  delete(account: string): Promise<void>
}

export const KEYRING_SERVICE = 'Ringside token key'

interface Entry {
  getPassword(): Promise<string | null>
  setPassword(password: string): Promise<void>
  deletePassword(): Promise<boolean>
}
type EntryClass = new (
  service: string,
  account: string,
  options?: { linux?: { store?: 'secret-service' | 'keyutils' } }
) => Entry

/**
 * The real keyring. The native module is loaded on first use only, so a platform without a build of
 * it (or a process that never needs it) pays nothing, and a failed load is an ordinary rejection.
 *
 * On Linux the Secret Service is required: the library's fallback, the kernel keyring, forgets
 * everything at reboot, which would sign the agent out at every restart. Without a D-Bus session bus
 * there is no Secret Service to reach, so no attempt is made at all.
 */
export function createOsKeyring(service: string = KEYRING_SERVICE): Keyring {
  let loaded: Promise<EntryClass> | undefined
  const entry = async (account: string): Promise<Entry> => {
    if (process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS']) {
      throw new Error('no D-Bus session bus, so no Secret Service')
    }
    loaded ??= import('@napi-rs/keyring').then((m): EntryClass => m.AsyncEntry)
    const AsyncEntry = await loaded
    return new AsyncEntry(service, account, { linux: { store: 'secret-service' } })
  }
  return {
    async get(account) {
      return (await (await entry(account)).getPassword()) ?? undefined
    },
    async set(account, secret) {
      await (await entry(account)).setPassword(secret)
    },
    async delete(account) {
      await (await entry(account)).deletePassword()
    }
  }
}
