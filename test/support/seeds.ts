/**
 * Reads the JSON examples out of the seed documents in `../shared/seeds` (Markdown code blocks and the
 * plain-text web copies alike). CI clones the repo with `shared/` beside it; the extracted examples are
 * also committed under test/fixtures/seeds so the suite stands on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const SEEDS_DIR = resolve(here, '../../../shared/seeds')
export const SEED_FIXTURES_DIR = resolve(here, '../fixtures/seeds')

/** Ends the JSON value that starts at `start` (a `{`), honouring strings; -1 when unbalanced. */
function balancedEnd(text: string, start: number): number {
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{') depth++
    else if (ch === '}' && --depth === 0) return i + 1
  }
  return -1
}

/** Every top-level JSON object in `text` that looks like a notification (has `uuid` and `body`). */
export function extractNotifications(text: string): unknown[] {
  const found: unknown[] = []
  let i = text.indexOf('{')
  while (i !== -1) {
    const end = balancedEnd(text, i)
    if (end === -1) break
    try {
      const value: unknown = JSON.parse(text.slice(i, end))
      if (typeof value === 'object' && value !== null && 'uuid' in value && 'body' in value) {
        found.push(value)
        i = text.indexOf('{', end)
        continue
      }
    } catch {
      // Not JSON at this brace (prose, a template include): try the next one.
    }
    i = text.indexOf('{', i + 1)
  }
  return found
}

export interface SeedExample {
  readonly seed: string
  readonly index: number
  readonly notification: unknown
}

export function readSeedExamples(dir = SEEDS_DIR): SeedExample[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((seed) =>
      extractNotifications(readFileSync(join(dir, seed), 'utf8')).map((notification, index) => ({
        seed,
        index,
        notification
      }))
    )
}

export function readSeedFixtures(): SeedExample[] {
  return readdirSync(SEED_FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const m = /^(.+\.txt)--(\d+)\.json$/.exec(f)
      if (!m) throw new Error(`unexpected seed fixture name ${f}`)
      const notification: unknown = JSON.parse(readFileSync(join(SEED_FIXTURES_DIR, f), 'utf8'))
      return { seed: m[1]!, index: Number(m[2]), notification }
    })
}
