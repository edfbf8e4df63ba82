/** When `npm run web` may reuse out/renderer: only while it is newer than every input. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { rendererIsCurrent } from '../../../src/main/web/renderer-build'

let root: string | undefined
afterEach(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true })
  root = undefined
})

/** A project with a source file and a build, each dated `seconds` after the epoch. */
function project(source: number, build: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-build-'))
  const files: Array<[string, number]> = [
    ['src/renderer/src/App.vue', source],
    ['src/shared/state/patches.ts', source],
    ['package.json', source],
    ['out/renderer/index.html', build]
  ]
  for (const [file, at] of files) {
    const path = join(dir, file)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, 'x')
    utimesSync(path, at, at)
  }
  // Folders are dated too (a deleted file shows only there): as old as their files.
  for (const folder of ['src/renderer/src', 'src/renderer', 'src/shared/state', 'src/shared']) {
    utimesSync(join(dir, folder), source, source)
  }
  return dir
}

describe('rendererIsCurrent', () => {
  it('reuses a build newer than every source', () => {
    root = project(1_000, 2_000)
    expect(rendererIsCurrent(root)).toBe(true)
  })

  it('rebuilds after a source, a shared module or a deletion changed', () => {
    root = project(1_000, 2_000)
    utimesSync(join(root, 'src/shared/state/patches.ts'), 3_000, 3_000)
    expect(rendererIsCurrent(root)).toBe(false)
    root = project(1_000, 2_000)
    rmSync(join(root, 'src/renderer/src/App.vue'))
    expect(rendererIsCurrent(root)).toBe(false)
  })

  it('builds when there is no build', () => {
    root = project(1_000, 2_000)
    rmSync(join(root, 'out'), { recursive: true })
    expect(rendererIsCurrent(root)).toBe(false)
  })
})
