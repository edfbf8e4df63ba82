/**
 * `npm run --silent decode -- [--account-presence] [FILE...]`: paste a notification, see what is wrong
 * with it. One JSON line per notification on stdout; exit 0 when all decoded, 1 when any was invalid,
 * 2 when an input was not JSON at all (or could not be read).
 */
import { readFile } from 'node:fs/promises'
import { decodeInput, type ExitCode, worst } from './decode-input'

const USAGE = `usage: npm run --silent decode -- [--account-presence] [FILE...]
Decodes RingCentral notifications (one JSON document per file, or JSON Lines). Reads stdin without FILE.
  --account-presence  treat plain per-extension presence as account presence (seed 003)`

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

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
  let exit: ExitCode = 0
  for (const file of files.length === 0 ? ['-'] : files) {
    let text: string
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8')
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const errors = [`(root): cannot read input: ${message}`]
      process.stdout.write(
        `${JSON.stringify({ file, index: 0, ok: false, kind: 'invalid', warnings: [], errors })}\n`
      )
      exit = 2
      continue
    }
    const result = decodeInput(text, file, { accountPresence })
    for (const r of result.rows) process.stdout.write(`${JSON.stringify(r)}\n`)
    exit = worst(exit, result.exitCode)
  }
  return exit
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    // Only a bug can land here; decodeInput never throws on bad input.
    process.stderr.write(`decode: internal error: ${e instanceof Error ? e.stack : String(e)}\n`)
    process.exitCode = 2
  }
)
