/**
 * bench:ui's emulator in a process of its own (docs/performance.md): the real platform is never in
 * the app's process, so the bench keeps the emulator's CPU (ringing, presence, its WSG frames) off
 * the event loop of the core and the bridge it measures. Started by ui-emulator.ts with `fork`;
 * answers one message per request over the IPC channel. Bench-only.
 */
import WebSocket from 'ws'
import { startEmulator } from '../src/emulator'
import { UNLIMITED } from '../test/support/demo-emulator'
import { installNodeProbe } from './ui-probe'
import { endAll, monitorPeople, ringRound, type RingRound } from './ui-ring'

export type ChildRequest =
  | { readonly type: 'ring'; readonly round: RingRound }
  | { readonly type: 'monitor'; readonly count: number }
  | { readonly type: 'end-all' }
  | { readonly type: 'close' }

export type ChildReply =
  | {
      readonly type: 'ready'
      readonly server: string
      readonly clientId: string
      readonly clientSecret: string
      readonly jwt: string
    }
  | {
      readonly type: 'rung'
      readonly emitted: ReadonlyArray<readonly [string, number]>
      /** Telephony session → when the emulator first wrote a WSG frame naming it. */
      readonly emulatorSent: ReadonlyArray<readonly [string, number]>
    }
  | { readonly type: 'monitoring'; readonly lines: number }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string }

const stages = installNodeProbe(WebSocket)
const reply = (r: ChildReply): void => void process.send?.(r)

async function main(): Promise<void> {
  const agents = Number(process.argv[2] ?? '12')
  const e = await startEmulator({ port: 0, rateLimits: UNLIMITED, seed: 3, agents, traffic: false })
  process.on('message', (m: ChildRequest) => {
    void (async (): Promise<void> => {
      if (m.type === 'ring') {
        stages.emulatorSent.clear()
        const emitted = await ringRound(e, m.round)
        // The last frames of the round may still be on their way out.
        await new Promise((r) => setTimeout(r, 200))
        reply({ type: 'rung', emitted, emulatorSent: [...stages.emulatorSent] })
      } else if (m.type === 'monitor') {
        reply({ type: 'monitoring', lines: monitorPeople(e, m.count) })
      } else if (m.type === 'end-all') {
        endAll(e)
        reply({ type: 'done' })
      } else {
        await e.close()
        reply({ type: 'done' })
        process.disconnect()
      }
    })().catch((error: unknown) => reply({ type: 'failed', message: String(error) }))
  })
  reply({
    type: 'ready',
    server: e.url,
    clientId: e.clientId,
    clientSecret: e.clientSecret,
    jwt: e.jwt
  })
}

main().catch((error: unknown) => {
  process.stderr.write(`bench emulator: ${String(error)}\n`)
  process.exit(1)
})
