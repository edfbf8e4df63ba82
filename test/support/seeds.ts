/**
 * The JSON example notifications of RingCentral's event documentation, as committed under
 * test/fixtures/seeds (one file per example, `<document>--<n>.json`; docs/platform.md#event-documents
 * says which event each document describes). scripts/extract-seed-fixtures.mjs extracts them from
 * the documents; the suite reads only these copies, so it stands on its own.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const SEED_FIXTURES_DIR = resolve(here, '../fixtures/seeds')

export interface SeedExample {
  /** The document the example comes from. */
  readonly seed: string
  /** Its position among that document's examples. */
  readonly index: number
  readonly notification: unknown
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
