/**
 * A sandboxed preload can `require` only 'electron': it must be ONE self-contained CommonJS file,
 * and it is parsed again in every window, so it carries only what it needs. This builds the real
 * preload with the project's electron-vite config and inspects the output.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'electron-vite'
import { describe, expect, it } from 'vitest'

const outDir = resolve('out/preload')

describe('preload bundle', () => {
  it('is a single CommonJS file whose only require is electron', async () => {
    // The same build `npm start` runs, into the same out/ folder.
    await build({ configFile: 'electron.vite.config.ts', logLevel: 'silent' })
    const files = readdirSync(outDir)
    expect(files).toEqual(['index.cjs'])
    const code = readFileSync(join(outDir, 'index.cjs'), 'utf8')
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    expect(code).toContain('exposeInMainWorld("ringside"')

    // No io-ts or fp-ts: main decodes the arguments, and the preload only reads main's replies
    // (src/shared/ipc/channels.ts). With them the file was about 94 KB; without, under 4 KB.
    for (const marker of [
      'RefinementType',
      'TupleType',
      'UnknownRecord',
      'getFunctionName',
      'isLeft'
    ])
      expect(code).not.toContain(marker)
    expect(Buffer.byteLength(code)).toBeLessThan(16 * 1024)
  }, 60_000)
})
