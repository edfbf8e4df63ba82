import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { decodeInput } from '../../../src/main/cli/decode-input'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const seeds = join(root, 'test/fixtures/seeds')
const valid = join(root, 'test/fixtures/notifications/valid')
const broken = join(root, 'test/fixtures/notifications/broken')
const run = promisify(execFile)

/** Runs the real CLI the way the README tells IT staff to, and returns its lines and exit code. */
async function cli(args: string[], stdin?: string): Promise<{ code: number; rows: unknown[] }> {
  const child = run(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/main/cli/decode.ts'), ...args],
    {
      cwd: root
    }
  )
  if (stdin !== undefined) {
    child.child.stdin?.end(stdin)
  }
  try {
    const { stdout } = await child
    return {
      code: 0,
      rows: stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown)
    }
  } catch (e) {
    const err = e as { code: number; stdout: string }
    return {
      code: err.code,
      rows: err.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown)
    }
  }
}

describe('decode CLI (process)', () => {
  it('decodes every seed example and exits 0', async () => {
    const files = readdirSync(seeds).map((f) => join(seeds, f))
    const { code, rows } = await cli(files)
    expect(code).toBe(0)
    expect(rows).toHaveLength(files.length)
    for (const row of rows) expect(row).toMatchObject({ ok: true, errors: [], warnings: [] })
  })

  it('reads JSON Lines from stdin and exits 1 when one is invalid', async () => {
    const good = JSON.stringify(
      JSON.parse(readFileSync(join(valid, 'favorites--changed.json'), 'utf8'))
    )
    const bad = JSON.stringify(
      JSON.parse(readFileSync(join(broken, 'sip-tag-not-string.json'), 'utf8'))
    )
    const { code, rows } = await cli([], `${good}\n${bad}\n`)
    expect(code).toBe(1)
    expect(rows).toEqual([
      { file: '-', index: 0, ok: true, kind: 'favorites', warnings: [], errors: [] },
      {
        file: '-',
        index: 1,
        ok: false,
        kind: 'detailed-presence-sip',
        warnings: [],
        errors: ['body.activeCalls[1].sipData.toTag: expected string, got 42']
      }
    ])
  })

  it('exits 2 when the input is not JSON at all', async () => {
    const { code, rows } = await cli([], 'this is not a notification\n')
    expect(code).toBe(2)
    expect(rows).toMatchObject([{ ok: false, kind: 'invalid' }])
  })

  it('exits 2 for a file that cannot be read, after decoding the others', async () => {
    const { code, rows } = await cli([
      join(valid, 'favorites--changed.json'),
      join(root, 'no-such-file.json')
    ])
    expect(code).toBe(2)
    expect(rows).toMatchObject([
      { ok: true },
      { ok: false, errors: [expect.stringContaining('cannot read input')] }
    ])
  })

  it('takes account presence when told to', async () => {
    const { rows } = await cli([
      '--account-presence',
      join(seeds, '003_b8eb514f1788f936.txt--0.json')
    ])
    expect(rows).toMatchObject([{ ok: true, kind: 'account-presence' }])
  })
})

describe('decodeInput', () => {
  it('unwraps a whole WebSocket frame pasted from a log', () => {
    const notification: unknown = JSON.parse(
      readFileSync(join(valid, 'line-list--changed.json'), 'utf8')
    )
    const frame = [
      { type: 'ServerNotification', messageId: '1', status: 200, headers: {} },
      notification
    ]
    expect(decodeInput(JSON.stringify(frame), 'x').rows).toMatchObject([
      { ok: true, kind: 'line-list' }
    ])
  })

  it('reports a non-JSON line inside JSON Lines as invalid with its index', () => {
    const good = JSON.stringify(
      JSON.parse(readFileSync(join(valid, 'favorites--changed.json'), 'utf8'))
    )
    const r = decodeInput(`${good}\n{oops\n\n${good}`, 'f.jsonl')
    expect(r.exitCode).toBe(1)
    expect(r.rows.map((row) => [row.index, row.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true]
    ])
    expect(r.rows[1]?.errors[0]).toMatch(/^\(root\): not JSON: /)
  })

  it('treats empty input as not JSON', () => {
    expect(decodeInput('  \n', '-').exitCode).toBe(2)
  })
})
