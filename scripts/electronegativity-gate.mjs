// CI gate (.ci/run): runs Electronegativity on src and fails on any finding above INFORMATIONAL
// that .ci/electronegativity-allow.tsv does not justify, and on an allow-list line that no longer
// matches a finding. Electronegativity itself exits 0 whatever it finds, and its -s filter applies
// only to its table, so the gate reads the CSV report instead.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const ALLOW = '.ci/electronegativity-allow.tsv'
const input = process.argv[2] ?? 'src'

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field.trim())
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (c === ',') endField()
    else if (c === '\n') {
      endField()
      rows.push(row)
      row = []
    } else if (c !== '\r') field += c
  }
  if (field !== '' || row.length > 0) {
    endField()
    rows.push(row)
  }
  return rows
}

function allowList() {
  return readFileSync(ALLOW, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [rule, file, reason] = line.split('\t')
      if (!rule || !file || !reason)
        throw new Error(`${ALLOW}: not rule<TAB>file<TAB>reason: ${line}`)
      return { rule, file, reason, used: false }
    })
}

const dir = mkdtempSync(join(tmpdir(), 'eneg-'))
const report = join(dir, 'electronegativity.csv')
const electron = require('electron/package.json').version
// -x AvailableSecurityFixesGlobalCheck: it fetches Electron's release list from GitHub.
const run = spawnSync(
  process.execPath,
  [
    require.resolve('@doyensec/electronegativity/dist/index.js'),
    ...['-i', input, '-r', '-e', electron, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report]
  ],
  { encoding: 'utf8' }
)
if (run.status !== 0) {
  console.error(run.stdout, run.stderr)
  console.error(`electronegativity failed to run (exit ${run.status})`)
  process.exit(1)
}
const [, ...rows] = parseCsv(readFileSync(report, 'utf8'))
rmSync(dir, { recursive: true, force: true })

const allowed = allowList()
const findings = rows
  .filter((r) => r.length >= 5)
  .map(([rule, severity, confidence, file, at]) => ({ rule, severity, confidence, file, at }))
const bad = findings.filter((f) => {
  if (f.severity === 'INFORMATIONAL') return false
  const entry = allowed.find((a) => a.rule === f.rule && a.file === f.file)
  if (entry === undefined) return true
  entry.used = true
  return false
})
const stale = allowed.filter((a) => !a.used)
for (const f of bad)
  console.log(`NOT ALLOWED  ${f.rule}  ${f.severity}/${f.confidence}  ${f.file}:${f.at}`)
for (const a of stale) console.log(`STALE ALLOW  ${a.rule}  ${a.file}: no such finding any more`)
console.log(
  `electronegativity ${electron}: ${findings.length} findings, ` +
    `${findings.length - bad.length} informational or allowed, ${bad.length} not allowed, ${stale.length} stale allow-list lines`
)
process.exit(bad.length > 0 || stale.length > 0 ? 1 : 0)
