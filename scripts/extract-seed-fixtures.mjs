// Extracts the test fixtures that come from RingCentral's event documentation: the JSON example
// notifications (test/fixtures/seeds/<document>--<n>.json) and every `/restapi/v1.0/…` filter or
// event string (test/shared/filters/fixtures/seed-filters.json). The documents are plain text or
// Markdown files (docs/platform.md#event-documents says which event each one describes); the tests
// read only the committed fixtures, so the suite stands on its own. Run this when the documents
// change, with the folder that holds them:
//
//   node scripts/extract-seed-fixtures.mjs <folder>           writes the fixtures
//   node scripts/extract-seed-fixtures.mjs <folder> --check   exits 1 if they are out of date
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NOTIFICATIONS_DIR = join(root, 'test/fixtures/seeds')
const FILTERS_FILE = join(root, 'test/shared/filters/fixtures/seed-filters.json')

/** A `/restapi/v1.0/…` run up to whitespace or markup. */
const FILTER_RE = /\/restapi\/v1\.0\/[^\s`"|)]+/g

const FILTERS_COMMENT =
  'Every /restapi/v1.0/... filter or event string in the RingCentral event documents, by document, ' +
  'extracted by scripts/extract-seed-fixtures.mjs. Regenerate it with that script when the documents change.'

/** Ends the JSON value that starts at `start` (a `{`), honouring strings; -1 when unbalanced. */
function balancedEnd(text, start) {
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
function extractNotifications(text) {
  const found = []
  let i = text.indexOf('{')
  while (i !== -1) {
    const end = balancedEnd(text, i)
    if (end === -1) break
    try {
      const value = JSON.parse(text.slice(i, end))
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

/** Fixture file → JSON value, for every fixture the documents in `dir` produce. */
function fixtures(dir) {
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
  const out = new Map()
  const bySeed = {}
  for (const name of documents) {
    const text = readFileSync(join(dir, name), 'utf8')
    extractNotifications(text).forEach((notification, index) => {
      out.set(join(NOTIFICATIONS_DIR, `${name}--${index}.json`), notification)
    })
    bySeed[name] = [...new Set(text.match(FILTER_RE) ?? [])].sort()
  }
  const filters = [...new Set(Object.values(bySeed).flat())].sort()
  out.set(FILTERS_FILE, { $comment: FILTERS_COMMENT, filters, bySeed })
  return out
}

/** Compared by value, so the committed files keep the project's formatting. */
function current(file, value) {
  if (!existsSync(file)) return false
  return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) === JSON.stringify(value)
}

/** Written the way Prettier (the project's formatter) would, so a rewrite shows no noise. */
async function write(file, value) {
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(file)) ?? {}
  writeFileSync(file, await prettier.format(JSON.stringify(value), { ...options, filepath: file }))
}

async function main([dir, flag]) {
  if (!dir || !existsSync(dir) || (flag !== undefined && flag !== '--check')) {
    console.error('usage: node scripts/extract-seed-fixtures.mjs <folder> [--check]')
    return 2
  }
  const wanted = fixtures(dir)
  const stale = [...wanted].filter(([file, value]) => !current(file, value))
  const committed = readdirSync(NOTIFICATIONS_DIR).map((f) => join(NOTIFICATIONS_DIR, f))
  const extra = committed.filter((file) => !wanted.has(file))
  if (flag === '--check') {
    for (const [file] of stale) console.error(`out of date: ${file}`)
    for (const file of extra) console.error(`no longer in the documents: ${file}`)
    return stale.length + extra.length === 0 ? 0 : 1
  }
  mkdirSync(NOTIFICATIONS_DIR, { recursive: true })
  for (const [file, value] of stale) await write(file, value)
  for (const file of extra) console.error(`no longer in the documents (delete it?): ${file}`)
  console.log(`${stale.length} of ${wanted.size} fixtures written`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
