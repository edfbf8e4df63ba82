/**
 * The web phone's SIP instance id, one per installation (docs/phone.md#what-the-app-owns):
 * RingCentral allows five per extension, so a new one at every start would soon lock the agent
 * out with `603 Too Many Contacts`. It lives in its own file beside settings.json, made at the
 * first provisioning: it is main's, not one of the agent's settings (the page can neither see nor
 * change it), and it is not a secret.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export const INSTANCE_FILE = 'phone-instance-id'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Reads the id from `file`, or makes and saves one on first use. A file that cannot be written
 * leaves an id for this run only, and says so: the phone still works, it just registers as a
 * new instance next time.
 */
export function instanceIdIn(file: string, log: (line: string) => void): () => string {
  let id: string | undefined
  return () => {
    if (id !== undefined) return id
    try {
      const saved = readFileSync(file, 'utf8').trim()
      if (UUID.test(saved)) return (id = saved)
    } catch {
      // Missing or unreadable: make one below.
    }
    id = randomUUID()
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      const tmp = `${file}.${process.pid}.tmp`
      writeFileSync(tmp, `${id}\n`, { mode: 0o600 })
      renameSync(tmp, file)
    } catch (e) {
      log(
        `[phone] the instance id could not be saved (${(e as NodeJS.ErrnoException).code ?? 'error'}); it lasts this run only`
      )
    }
    return id
  }
}
