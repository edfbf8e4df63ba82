/**
 * The client half of `npm run bench:account`, in its own process so its CPU is not the core's: it
 * connects to the browser bridge like the page does (Origin, hello with the secret), applies every
 * `state:patch` to a snapshot mirror as the renderer's bridge does, and notes when each session's
 * row first changed after each moment. On stdin's end it prints, as one JSON line, per session id
 * the times (ms since the epoch, fractional) its row was patched.
 */
import WebSocket from 'ws'
import { BRIDGE_PATH, helloFrame, parseHostFrame } from '../src/shared/ipc/bridge-protocol'
import { createSnapshotMirror } from '../src/shared/state/mirror'
import { emptySnapshot, type StatePatch } from '../src/shared/state/patches'

const [port, secret] = process.argv.slice(2)
const now = (): number => performance.timeOrigin + performance.now()
const seen = new Map<string, number[]>()
const mirror = createSnapshotMirror(emptySnapshot)
let frames = 0

const ws = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}`, {
  headers: { origin: `http://127.0.0.1:${port}` }
})
ws.on('open', () => {
  ws.send(helloFrame(secret!))
  process.stdout.write('{"connected":true}\n')
})
ws.on('message', (data) => {
  const at = now()
  const message = parseHostFrame(data.toString())
  if (message?.kind !== 'event' || message.event !== 'state:patch') return
  frames++
  const { patches } = message.payload as { patches: readonly StatePatch[] }
  mirror.apply(patches)
  for (const p of patches) {
    if (p.view !== 'accountSessions') continue
    const id = p.op === 'upsert' ? p.item.id : p.id
    let times = seen.get(id)
    if (times === undefined) seen.set(id, (times = []))
    times.push(at)
  }
})
ws.on('close', (code) => process.stderr.write(`account client: bridge closed ${code}\n`))
ws.on('error', (e) => process.stderr.write(`account client: ${String(e)}\n`))
process.stdin.resume()
process.stdin.on('end', () => {
  const rows = mirror.snapshot.accountSessions.length
  ws.close()
  // A pipe is written asynchronously: exiting before the write ends would cut the line short.
  process.stdout.write(
    `${JSON.stringify({ frames, rows, seen: Object.fromEntries(seen) })}\n`,
    () => process.exit(0)
  )
})
