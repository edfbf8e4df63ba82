import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ringside-auth-'))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Every file under `dir`, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/**
 * Which of `needles` appear in any file under `dir`, as UTF-8, base64, base64url or hex: a token
 * encoded but not encrypted is still plaintext.
 */
export async function findInFiles(dir: string, needles: readonly string[]): Promise<string[]> {
  const found: string[] = []
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(file)
    const haystacks = [bytes.toString('utf8'), bytes.toString('latin1')]
    for (const needle of needles) {
      const forms = [
        needle,
        Buffer.from(needle).toString('base64'),
        Buffer.from(needle).toString('base64url'),
        Buffer.from(needle).toString('hex')
      ]
      if (forms.some((form) => haystacks.some((h) => h.includes(form)))) {
        found.push(`${needle} in ${file}`)
      }
    }
  }
  return found
}

export async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777
}
