import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  decodeInput,
  type DecodeRow,
  decodeStream,
  MAX_DOCUMENT_BYTES,
  rowJson
} from '../../../src/main/cli/decode-input'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const cliArgs = ['--import', 'tsx', join(root, 'src/main/cli/decode.ts')]

/** The limit and the load of the review finding: 18 MB of `{}` lines killed the old CLI. */
const LINES = 6_000_000
const PEAK_RSS_LIMIT_KB = 400 * 1024
const LINES_PER_CHUNK = 20_000

const TIME = '/usr/bin/time'

let scratch: string | undefined
afterEach(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
  scratch = undefined
})

/** The child's peak RSS from /proc, for machines without GNU time; polled, so a lower bound. */
function pollPeak(pid: number): { stop(): number } {
  let peak = 0
  const read = (): void => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) peak = Math.max(peak, Number(m[1]))
    } catch {
      // Gone already: the last reading stands.
    }
  }
  const timer = setInterval(read, 20)
  return {
    stop() {
      clearInterval(timer)
      return peak
    }
  }
}

describe('decode CLI on a large input', () => {
  it(`streams ${LINES.toLocaleString('en')} lines of {} within ${PEAK_RSS_LIMIT_KB / 1024} MB and exits 1`, async () => {
    scratch = mkdtempSync(join(tmpdir(), 'ringside-decode-'))
    const timeFile = join(scratch, 'peak-kb')
    const gnuTime = existsSync(TIME)
    const started = performance.now()
    const child = gnuTime
      ? spawn(TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...cliArgs], { cwd: root })
      : spawn(process.execPath, cliArgs, { cwd: root })
    const poll = gnuTime ? undefined : pollPeak(child.pid!)
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))

    // Only counts and the last complete line are kept of the output: it is about 2 GB.
    let rows = 0
    let lastLine = ''
    let partial = ''
    child.stdout.on('data', (c: Buffer) => {
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) rows++
      const last = c.lastIndexOf(10)
      if (last < 0) {
        partial += c.toString('utf8')
        return
      }
      const before = last === 0 ? -1 : c.lastIndexOf(10, last - 1)
      lastLine =
        before < 0 ? partial + c.toString('utf8', 0, last) : c.toString('utf8', before + 1, last)
      partial = c.toString('utf8', last + 1)
    })

    // The input is made as it is written, one reused chunk, waiting whenever the pipe is full.
    const chunk = Buffer.from('{}\n'.repeat(LINES_PER_CHUNK))
    for (let sent = 0; sent < LINES; sent += LINES_PER_CHUNK) {
      if (!child.stdin.write(chunk)) await once(child.stdin, 'drain')
    }
    child.stdin.end()

    const [code] = await exited
    const seconds = (performance.now() - started) / 1000
    const peakKb = gnuTime
      ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop())
      : poll!.stop()
    console.info(
      `decode ${LINES} lines: ${seconds.toFixed(1)} s, ${Math.round(LINES / seconds)} lines/s, ` +
        `peak RSS ${(peakKb / 1024).toFixed(0)} MB (${gnuTime ? 'GNU time' : 'VmHWM polled'})`
    )
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(rows).toBe(LINES)
    const last = JSON.parse(lastLine) as { index: number; ok: boolean; kind: string }
    expect(last).toMatchObject({ index: LINES - 1, ok: false, kind: 'invalid' })
    expect(peakKb).toBeGreaterThan(0)
    expect(peakKb).toBeLessThanOrEqual(PEAK_RSS_LIMIT_KB)
  }, 300_000)
})

const good = JSON.stringify(
  JSON.parse(
    readFileSync(join(root, 'test/fixtures/notifications/valid/favorites--changed.json'), 'utf8')
  )
)

async function* chunks(
  ...parts: ReadonlyArray<string | (() => Iterable<string>)>
): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (typeof part === 'string') yield Buffer.from(part)
    else for (const p of part()) yield Buffer.from(p)
  }
}
/** `n` bytes of filler made in 1 MiB pieces, so the test holds no large string either. */
const filler = (n: number, piece: (size: number) => string) =>
  function* (): Iterable<string> {
    for (let left = n; left > 0; left -= 1 << 20) yield piece(Math.min(left, 1 << 20))
  }

async function stream(
  ...parts: ReadonlyArray<string | (() => Iterable<string>)>
): Promise<{ code: number; rows: DecodeRow[] }> {
  const rows: DecodeRow[] = []
  const code = await decodeStream(chunks(...parts), 'f', {}, (r) => {
    rows.push(r)
  })
  return { code, rows }
}

describe('decodeStream', () => {
  it.each([
    ['JSON Lines', `${good}\n{oops\n\n${good}\n`],
    ['JSON Lines with CRLF and no final newline', `${good}\r\n${good}`],
    ['a pretty-printed document', JSON.stringify(JSON.parse(good), null, 2)],
    ['a broken first line, then JSON Lines', `{oops\n${good}\n`],
    ['not JSON', 'this is not a notification\n'],
    ['blank', '  \n\n'],
    ['a frame', JSON.stringify([{ type: 'ServerNotification' }, JSON.parse(good)])]
  ])('gives the rows and exit code of decodeInput for %s', async (_, text) => {
    const expected = decodeInput(text, 'f')
    // Split at every byte boundary an input might arrive in: one byte at a time.
    const bytes = [...Buffer.from(text)].map((b) => String.fromCharCode(b))
    const whole = await stream(text)
    expect(whole).toEqual({ code: expected.exitCode, rows: expected.rows })
    if (text.length < 2_000) {
      expect(await stream(() => bytes)).toEqual({ code: expected.exitCode, rows: expected.rows })
    }
  })

  it('keeps multi-byte characters split across chunks', async () => {
    const text = `${good.replace('"uuid"', '"nom":"Zoë Müller","uuid"')}\n`
    const buf = Buffer.from(text)
    const at = buf.indexOf(Buffer.from('ë')) + 1
    const rows: DecodeRow[] = []
    async function* split(): AsyncGenerator<Buffer> {
      yield buf.subarray(0, at)
      yield buf.subarray(at)
    }
    expect(await decodeStream(split(), 'f', {}, (r) => void rows.push(r))).toBe(0)
    expect(rows).toMatchObject([{ ok: true }])
  })

  it('reports a line over the limit without keeping it, and goes on', async () => {
    const { code, rows } = await stream(
      `${good}\n{"x":"`,
      filler(MAX_DOCUMENT_BYTES + 10, (n) => 'a'.repeat(n)),
      `"}\n${good}\n`
    )
    expect(code).toBe(1)
    expect(rows.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true]
    ])
    expect(rows[1]!.errors).toEqual(['(root): not decoded: the line is longer than 16 MiB'])
  })

  it('exits 2 for one document over 16 MiB, with the reason', async () => {
    const { code, rows } = await stream(
      '{\n',
      filler(MAX_DOCUMENT_BYTES + 10, (n) => `${'"k": 1,'.padEnd(n - 1, ' ')}\n`),
      '"end": 1\n}\n'
    )
    expect(code).toBe(2)
    expect(rows).toEqual([
      {
        file: 'f',
        index: 0,
        ok: false,
        kind: 'invalid',
        warnings: [],
        errors: [
          '(root): not JSON Lines (the first line is not JSON on its own) and larger than 16 MiB, the most one JSON document may be'
        ]
      }
    ])
  })

  it('past 16 MiB, a broken first line followed by JSON lines is JSON Lines after all', async () => {
    const lines = Math.ceil(MAX_DOCUMENT_BYTES / (good.length + 1)) + 10
    const { code, rows } = await stream('{oops\n', function* () {
      for (let i = 0; i < lines; i += 1_000) yield `${good}\n`.repeat(Math.min(1_000, lines - i))
    })
    expect(code).toBe(1)
    expect(rows).toHaveLength(lines + 1)
    expect(rows[0]).toMatchObject({ index: 0, ok: false })
    expect(rows.slice(1).every((r, i) => r.ok && r.index === i + 1)).toBe(true)
  })
})

describe('the README sample', () => {
  it('is what the CLI prints for that notification as the first line of events.jsonl', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const sample = /```json\n(\{"file":"events\.jsonl".*\})\n```/.exec(readme)?.[1]
    expect(sample).toBeDefined()
    const broken = readFileSync(
      join(root, 'test/fixtures/notifications/broken/sip-tag-not-string.json'),
      'utf8'
    )
    const line = JSON.stringify(JSON.parse(broken))
    const { rows } = decodeInput(`${line}\n${good}\n`, 'events.jsonl')
    expect(rowJson(rows[0]!)).toBe(sample)
  })
})

describe('rowJson', () => {
  it.each([
    ['plain', { file: '-', index: 0, ok: true, kind: 'favorites', warnings: [], errors: [] }],
    [
      'odd text',
      {
        file: 'C:\\logs\\"a"\u2028.jsonl',
        index: 12,
        ok: false,
        kind: 'invalid',
        warnings: ['x\u0000y', 'é\ud800'],
        errors: ['tab\there', 'new\nline', '😀']
      }
    ]
  ])('is JSON.stringify for %s', (_, row: DecodeRow) => {
    expect(rowJson(row)).toBe(JSON.stringify(row))
  })
})

describe('decode CLI output', () => {
  it.skipIf(!existsSync('/dev/full'))(
    'exits 2, saying why, when the output cannot be written',
    async () => {
      const full = openSync('/dev/full', 'w')
      try {
        const child = spawn(process.execPath, cliArgs, { cwd: root, stdio: ['pipe', full, 'pipe'] })
        const { stdin, stderr: errors } = child
        if (stdin === null || errors === null) throw new Error('stdin and stderr are pipes')
        let stderr = ''
        errors.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
        const exited = once(child, 'exit') as Promise<[number | null]>
        stdin.end('{}\n')
        const [code] = await exited
        expect(code).toBe(2)
        expect(stderr).toMatch(/^decode: cannot write the output: ENOSPC/)
      } finally {
        closeSync(full)
      }
    },
    30_000
  )

  it('stops quietly with the exit code so far when its reader goes away', async () => {
    const child = spawn(process.execPath, cliArgs, { cwd: root })
    const exited = once(child, 'exit') as Promise<[number | null]>
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.stdin.on('error', () => undefined)
    child.stdout.once('data', () => child.stdout.destroy())
    const chunk = Buffer.from('{}\n'.repeat(20_000))
    for (let i = 0; i < 50 && child.exitCode === null; i++) {
      if (!child.stdin.write(chunk))
        await Promise.race([
          // The child may be gone: the write then fails with EPIPE, which is the point.
          once(child.stdin, 'drain').catch(() => undefined),
          exited
        ])
    }
    child.stdin.end()
    const [code] = await exited
    expect(stderr).toBe('')
    expect(code).toBe(1)
  }, 30_000)
})
