import { randomBytes } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Owner-only, crash-safe files for the token vaults. A write goes to a fresh temp file in the same
 * directory (created 0600 with O_EXCL), is fsync'ed, then renamed over the target: readers see the
 * old file or the new one, never a torn one (docs/platform.md#concurrent-401s: a store that works or
 * asks for sign-in, "never a corrupt one"). The directory is created 0700.
 */

/** The slice of `node:fs/promises` the vaults use; tests inject a wrapper to simulate crashes. */
export type VaultFs = Pick<typeof nodeFs, 'open' | 'rename' | 'readFile' | 'rm' | 'mkdir' | 'chmod'>

export const defaultFs: VaultFs = nodeFs

/** Owner read/write only. */
export const FILE_MODE = 0o600
const DIR_MODE = 0o700

/** Writes `data` to `file` atomically with mode 0600. */
export async function writeFileAtomic(fs: VaultFs, file: string, data: Buffer): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true, mode: DIR_MODE })
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    // 'wx' = O_CREAT|O_EXCL: never write through a pre-planted file or symlink at the temp path.
    const handle = await fs.open(temp, 'wx', FILE_MODE)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  // rename keeps the temp file's mode; chmod again in case a umask or an old file interfered.
  await fs.chmod(file, FILE_MODE).catch(() => undefined)
}

/** The file's bytes, or undefined when it does not exist. Other errors propagate. */
export async function readIfExists(fs: VaultFs, file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file)
  } catch (error) {
    if (isNotFound(error)) {
      return undefined
    }
    throw error
  }
}

export async function removeFile(fs: VaultFs, file: string): Promise<void> {
  await fs.rm(file, { force: true })
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
}

/**
 * Runs async operations one at a time, in call order, so a `clear()` can never interleave with a
 * `save()` half-way through (which could otherwise resurrect a deleted sign-in).
 */
export function serialQueue(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op)
    tail = run.catch(() => undefined)
    return run
  }
}

/** How a vault turns tokens into bytes on disk and back. */
export interface Sealer {
  seal(plain: string): Promise<Buffer>
  /** The plaintext, or why the stored blob can never be opened (it is then discarded). */
  open(sealed: Buffer): Promise<string | { readonly damaged: string }>
  /** Forgets what belongs with the token file (a key file), when the tokens are discarded. */
  forget?(): Promise<void>
}

export interface SealedFileVaultOptions {
  readonly fs: VaultFs
  readonly file: string
  readonly sealer: Sealer
  /** Told (without secrets) when a stored file was unreadable and was discarded. */
  readonly onCorrupt?: (why: string) => void
}

/**
 * The load/save/clear skeleton both encrypted vaults share: serialised operations, atomic 0600
 * writes, and a damaged or foreign file treated as "signed out" (removed, never thrown).
 */
export function sealedFileVault(options: SealedFileVaultOptions): {
  load(): Promise<string | undefined>
  save(value: string): Promise<void>
  clear(): Promise<void>
} {
  const { fs, file, sealer } = options
  const serial = serialQueue()
  const forget = async (): Promise<void> => {
    await removeFile(fs, file)
    await sealer.forget?.()
  }
  return {
    load: () =>
      serial(async () => {
        const sealed = await readIfExists(fs, file)
        if (sealed === undefined) return undefined
        const opened = await sealer.open(sealed)
        if (typeof opened === 'string') return opened
        options.onCorrupt?.(opened.damaged)
        await forget()
        return undefined
      }),
    save: (value) => serial(async () => writeFileAtomic(fs, file, await sealer.seal(value))),
    clear: () => serial(forget)
  }
}
