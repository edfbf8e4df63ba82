/**
 * The README's "Node versions" section explains every EBADENGINE warning `npm ci` prints on the
 * running Node: each locked package whose `engines.node` this Node does not meet must be named in
 * its table, with the range the package really asks for. A new warning fails here until it is
 * explained. Judged from package-lock.json, which is what `npm ci` installs.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** npm's own range matcher (installed with the toolchain; untyped, so its one use is typed here). */
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean
}

const root = join(__dirname, '../..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Node versions'), readme.indexOf('## Browser mode'))
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>
}
const pkgJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string }
}

/** Locked packages (by name) whose `engines.node` the running Node does not satisfy. */
function unmet(): Map<string, string> {
  const out = new Map<string, string>()
  for (const [path, p] of Object.entries(lock.packages)) {
    const range = Array.isArray(p.engines) ? undefined : p.engines?.node
    if (path === '' || range === undefined) continue
    if (semver.satisfies(process.version, range)) continue
    out.set(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), range)
  }
  return out
}

describe('Node versions (README)', () => {
  it('names every package whose engines this Node does not meet, with its range', () => {
    for (const [name, range] of unmet()) {
      expect(section, `${name} (${range}) is not explained`).toContain(`\`${name}\``)
      const escaped = range.replace(/\|/g, '\\|')
      expect(section, `${name}: the README must quote ${range}`).toContain(`\`${escaped}\``)
    }
  })

  it("states the project's own engines, which the running Node meets", () => {
    expect(section).toContain(`\`${pkgJson.engines.node}\``)
    expect(semver.satisfies(process.version, pkgJson.engines.node)).toBe(true)
  })
})
