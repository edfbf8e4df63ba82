/**
 * `npm run --silent decode -- [--account-presence] [FILE...]`: paste a notification, see what is wrong
 * with it. One JSON line per notification on stdout; exit 0 when all decoded, 1 when any was invalid,
 * 2 when an input was not JSON at all (or could not be read, or was one document over 16 MiB).
 *
 * Inputs are streamed: a log of millions of lines is decoded in constant memory, each row written as
 * it is made, and reading waits while stdout is full.
 */
import { createReadStream } from 'node:fs'
import { once } from 'node:events'
import { decodeStream, type DecodeRow, type ExitCode, rowJson, worst } from './decode-input'

const USAGE = `usage: npm run --silent decode -- [--account-presence] [FILE...]
Decodes RingCentral notifications (one JSON document per file, or JSON Lines). Reads stdin without FILE.
  --account-presence  treat plain per-extension presence as account presence`

/** Rows are written in blocks of about this size: one write per row would cost a syscall each. */
const BLOCK_CHARS = 64 * 1024

/** Collects rows into blocks for stdout; a full stdout makes `emit` return a promise to wait for. */
function stdoutSink(): { emit(row: DecodeRow): Promise<void> | undefined; flush(): Promise<void> } {
  let block = ''
  const flush = async (): Promise<void> => {
    const text = block
    block = ''
    if (text !== '' && !process.stdout.write(text)) await once(process.stdout, 'drain')
  }
  return {
    emit(row) {
      block += `${rowJson(row)}\n`
      return block.length >= BLOCK_CHARS ? flush() : undefined
    },
    flush
  }
}

/** The exit code so far: what a reader that goes away early (`| head`) is told. */
let exit: ExitCode = 0

async function main(argv: readonly string[]): Promise<ExitCode> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const accountPresence = argv.includes('--account-presence')
  const unknownFlag = argv.find((a) => a.startsWith('--') && a !== '--account-presence')
  if (unknownFlag !== undefined) {
    process.stderr.write(`unknown option ${unknownFlag}\n${USAGE}\n`)
    return 2
  }
  const files = argv.filter((a) => !a.startsWith('--'))
  const sink = stdoutSink()
  for (const file of files.length === 0 ? ['-'] : files) {
    const source = file === '-' ? process.stdin : createReadStream(file)
    let rows = 0
    const emit = (row: DecodeRow): Promise<void> | undefined => {
      rows++
      if (!row.ok) exit = worst(exit, 1)
      return sink.emit(row)
    }
    try {
      exit = worst(exit, await decodeStream(source, file, { accountPresence }, emit))
    } catch (e) {
      // Only reading can fail here: decoding never throws on bad input.
      const message = e instanceof Error ? e.message : String(e)
      const errors = [`(root): cannot read input: ${message}`]
      await sink.emit({ file, index: rows, ok: false, kind: 'invalid', warnings: [], errors })
      exit = 2
    }
  }
  await sink.flush()
  return exit
}

// A reader that went away (`decode big.jsonl | head`) is not an error of the input: stop quietly
// with what was found so far. Any other failure to write (a full disk) is exit 2, like a failed read.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(exit)
  process.stderr.write(`decode: cannot write the output: ${e.message}\n`)
  process.exit(2)
})

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    // Only a bug can land here; decodeStream never throws on bad input.
    process.stderr.write(`decode: internal error: ${e instanceof Error ? e.stack : String(e)}\n`)
    process.exitCode = 2
  }
)
