/**
 * The "why" of the code lives in this repository: comments cite docs/platform.md, docs/security.md,
 * docs/architecture.md and docs/emulator.md by anchor, or a public URL. This test keeps it that way:
 * every `docs/<page>.md#<anchor>` (and every link between the docs) must name a heading that exists,
 * so renaming a heading cannot leave dangling citations, and no file may cite a document that is
 * not in the repository (the team's old reference notes, their numbered sections and seeds).
 * Public sections such as "RFC 8252 §8.5" or "CSP3 §6.4.2" are fine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SELF = 'test/docs/links.test.ts'

const SCANNED = ['src', 'test', 'bench', 'docs', 'scripts', 'README.md', 'CONTEXT.md']
const ROOT_CONFIGS = ['eslint.config.js', 'electron.vite.config.ts', 'vitest.config.ts']
const TEXT_FILE = /\.(?:[cm]?[jt]s|vue|md|html|css)$/

/** Citations of documents outside the repository, each with a name for the failure message. */
const OUTSIDE_CITATIONS: ReadonlyArray<readonly [string, RegExp]> = [
  ['the reference notes', /\breference\s+(?:`?ringcentral-protocol(?:\.md)?`?\s+)?§/gi],
  ['ringcentral-protocol.md', /ringcentral-protocol/g],
  ['reliability-security.md', /reliability-security/gi],
  ['softphone.md', /softphone\.md/g],
  ['platform-fidelity.md', /platform-fidelity/g],
  ['the style anchors', /style[- ]anchors/gi],
  ['the security checklist by number', /\bchecklist\s+(?:§|\d)/gi],
  ['the shared folder beside the repository', /\bshared\/(?:reference|seeds)\b|\.\.\/shared\b/g],
  ['a seed document by number', /\bseeds?[ -]00\d/gi],
  ['a numbered section of an outside document', /§\s?\d/g]
]

/** "RFC 8252 §7.3, §8.3", "RFC 7636 §4.1–4.2", "CSP3 §6.4.2": public, so not a finding. */
const SECTION = String.raw`§\s?\d[\w.]*(?:[–-]\d[\w.]*)?`
const PUBLIC_SECTIONS = new RegExp(
  String.raw`\b(?:RFC|CSP)\s?\d*[\s*/]+${SECTION}(?:\s*(?:,|and|or)[\s*/]*${SECTION})*`,
  'g'
)
/** Relative module specifiers (`'../../shared/events'`) are code, not citations. */
const MODULE_SPECIFIER = /(['"])(?:\.\.?\/)+[^'"\s]*\1/g

/** Files to scan, relative to the repository root with forward slashes. */
function listFiles(): string[] {
  const out: string[] = []
  const walk = (rel: string): void => {
    const abs = join(root, rel)
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs)) walk(posix.join(rel, name))
    } else if (TEXT_FILE.test(rel)) {
      out.push(rel)
    }
  }
  for (const entry of [...SCANNED, ...ROOT_CONFIGS]) walk(entry)
  return out.filter((file) => file !== SELF).sort()
}

/** Blanks a match but keeps its newlines, so later line numbers stay right. */
function blank(match: string): string {
  return match.replace(/[^\n]/g, ' ')
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

/** Outside citations in one file's text, as `line: what (matched text)`. */
function outsideCitations(text: string): string[] {
  const cleaned = text.replace(MODULE_SPECIFIER, blank).replace(PUBLIC_SECTIONS, blank)
  const found: Array<[number, string]> = []
  for (const [name, pattern] of OUTSIDE_CITATIONS) {
    for (const m of cleaned.matchAll(pattern)) {
      found.push([m.index, `${lineOf(cleaned, m.index)}: ${name} (${m[0].trim()})`])
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, finding]) => finding)
}

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-')
}

/** Every anchor a Markdown page has, with GitHub's `-1`, `-2` suffixes for repeated headings. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let inFence = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) inFence = !inFence
    const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading?.[1]) continue
    const base = slug(heading[1])
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

const anchorCache = new Map<string, Set<string> | null>()

/** The anchors of a page of the repository, or null when it does not exist. */
function pageAnchors(page: string): Set<string> | null {
  if (!anchorCache.has(page)) {
    let anchors: Set<string> | null = null
    try {
      anchors = anchorsOf(readFileSync(join(root, page), 'utf8'))
    } catch {
      anchors = null
    }
    anchorCache.set(page, anchors)
  }
  return anchorCache.get(page) ?? null
}

/** `docs/x.md#a` anywhere, plus `](#a)` and `](x.md#a)` links inside a Markdown page. */
function referencesIn(
  file: string,
  text: string
): Array<{ line: number; page: string; anchor?: string }> {
  const refs: Array<{ line: number; page: string; anchor?: string }> = []
  for (const m of text.matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
    refs.push({ line: lineOf(text, m.index), page: `docs/${m[1]}`, anchor: m[2] })
  }
  if (file.endsWith('.md')) {
    for (const m of text.matchAll(/\]\((?!https?:|mailto:)([\w./-]*\.md)?(?:#([\w-]+))?\)/g)) {
      if (m[1] === undefined && m[2] === undefined) continue
      const page =
        m[1] === undefined ? file : posix.normalize(posix.join(posix.dirname(file), m[1]))
      if (m[1]?.startsWith('docs/') && !file.startsWith('docs/')) continue // counted above
      refs.push({ line: lineOf(text, m.index), page, anchor: m[2] })
    }
  }
  return refs
}

function danglingReferences(file: string, text: string): string[] {
  const dangling: string[] = []
  for (const ref of referencesIn(file, text)) {
    const anchors = pageAnchors(ref.page)
    const target = ref.anchor === undefined ? ref.page : `${ref.page}#${ref.anchor}`
    if (anchors === null || (ref.anchor !== undefined && !anchors.has(ref.anchor))) {
      dangling.push(`${file}:${ref.line} → ${target}`)
    }
  }
  return dangling
}

const files = listFiles()
const texts = new Map(files.map((file) => [file, readFileSync(join(root, file), 'utf8')]))

describe('citations inside the repository', () => {
  it('scans the tree it is meant to', () => {
    expect(files).toContain('src/main/core/pipeline/pipeline.ts')
    expect(files).toContain('docs/platform.md')
    expect(files).toContain('README.md')
    expect(files).not.toContain(SELF)
  })

  it('every docs/<page>.md#<anchor> and every link between the docs resolves', () => {
    const dangling = files.flatMap((file) => danglingReferences(file, texts.get(file) ?? ''))
    expect(dangling).toEqual([])
  })

  it('no file cites a document outside the repository', () => {
    const findings = files.flatMap((file) =>
      outsideCitations(texts.get(file) ?? '').map((f) => `${file}:${f}`)
    )
    expect(findings).toEqual([])
  })
})

describe('the checker itself', () => {
  it('makes anchors the way GitHub does', () => {
    expect(slug('Documents, specification and platform disagree')).toBe(
      'documents-specification-and-platform-disagree'
    )
    expect(slug('`AccountDirectory` (`directory.ts`)')).toBe('accountdirectory-directoryts')
    expect(slug("A notification's path")).toBe('a-notifications-path')
    expect(slug('Where the event codecs live, and why')).toBe('where-the-event-codecs-live-and-why')
    const anchors = anchorsOf('# A\n## Starting it\n```sh\n# not a heading\n```\n## Starting it\n')
    expect([...anchors]).toEqual(['a', 'starting-it', 'starting-it-1'])
  })

  it('finds outside citations and lets public sections and module paths be', () => {
    expect(outsideCitations('// frames (reference §2.4)')).toEqual([
      '1: the reference notes (reference §)',
      '1: a numbered section of an outside document (§2)'
    ])
    expect(outsideCitations('/* ok */\n// seed 004 table, §6 scenario 12')).toHaveLength(2)
    expect(outsideCitations(' * reliability-security.md §1d')).toHaveLength(2)
    expect(outsideCitations('// see ../shared/seeds')).toHaveLength(1)
    expect(outsideCitations('// checklist 17b')).toHaveLength(1)
    expect(outsideCitations("import { x } from '../../../shared/events'")).toEqual([])
    expect(outsideCitations('(RFC 8252 §7.3,\n§8.3) and RFC 7636 §4.1–4.2, CSP3 §6.4.2')).toEqual(
      []
    )
    expect(outsideCitations(' * (RFC 6749\n * §4.1.2.1)')).toEqual([])
    expect(outsideCitations('docs/platform.md#frames and --seed 7')).toEqual([])
  })
})
