/**
 * Where bench:ui's emulator runs (docs/performance.md): in the bench's own process (the default,
 * as the figures were measured) or, with BENCH_UI_EMULATOR=child, in a child process, as
 * the real platform is never in the app's process; on a 2-core machine that third busy process
 * competes with Node and Chromium for the cores. Both ring the same way (ui-ring.ts); every round of a run, the
 * baseline included, uses the same arrangement.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { DemoHandle } from '../src/main/core/demo-lifecycle'
import type { ChildReply, ChildRequest } from './ui-emulator-child'
import type { NodeStages } from './ui-probe'
import { endAll, monitorPeople, ringRound, type Emitted, type RingRound } from './ui-ring'
import type { Emulator } from '../src/emulator'

export interface Rung {
  readonly emitted: Emitted
  /** Telephony session → when the emulator wrote its first WSG frame naming it. */
  readonly emulatorSent: ReadonlyMap<string, number>
}

export interface BenchEmulator {
  readonly where: 'child process' | 'bench process'
  /** For the core's `startDemo` (openApp's hooks), or undefined: openApp starts its own. */
  readonly startDemo?: () => Promise<DemoHandle>
  ring(round: RingRound): Promise<Rung>
  /** The agent monitors this many colleagues' lines (ui-ring.ts `monitorPeople`). */
  monitor(count: number): Promise<number>
  endAll(): Promise<void>
  close(): Promise<void>
}

/** The emulator openApp starts in this process; `emulator` reads it once it runs. */
export function inProcessEmulator(emulator: () => Emulator, stages: NodeStages): BenchEmulator {
  return {
    where: 'bench process',
    async ring(round) {
      stages.emulatorSent.clear()
      const emitted = await ringRound(emulator(), round)
      return { emitted, emulatorSent: new Map(stages.emulatorSent) }
    },
    monitor: async (count) => monitorPeople(emulator(), count),
    endAll: async () => endAll(emulator()),
    close: async () => undefined
  }
}

const CHILD = fileURLToPath(new URL('./ui-emulator-child.ts', import.meta.url))

export async function childEmulator(agents: number): Promise<BenchEmulator> {
  const child = fork(CHILD, [String(agents)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const replies: ChildReply[] = []
  let waiter: (() => void) | undefined
  child.on('message', (m: ChildReply) => {
    replies.push(m)
    waiter?.()
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const next = async (): Promise<ChildReply> => {
    while (replies.length === 0) {
      if (child.exitCode !== null) throw new Error('the bench emulator exited')
      await new Promise<void>((r) => {
        waiter = r
        void exited.then(r)
      })
    }
    const r = replies.shift()!
    if (r.type === 'failed') throw new Error(`the bench emulator failed: ${r.message}`)
    return r
  }
  const ask = async (request: ChildRequest): Promise<ChildReply> => {
    child.send(request)
    return next()
  }
  const ready = await next()
  if (ready.type !== 'ready') throw new Error('the bench emulator did not start')
  return childApi(child, ready, ask, exited)
}

function childApi(
  child: ChildProcess,
  ready: Extract<ChildReply, { type: 'ready' }>,
  ask: (r: ChildRequest) => Promise<ChildReply>,
  exited: Promise<void>
): BenchEmulator {
  return {
    where: 'child process',
    // The app signs out and closes its demo; the child's emulator lives until `close`.
    startDemo: async () => ({
      server: ready.server,
      clientId: ready.clientId,
      clientSecret: ready.clientSecret,
      jwt: ready.jwt,
      close: async () => undefined
    }),
    async ring(round) {
      const r = await ask({ type: 'ring', round })
      if (r.type !== 'rung') throw new Error('the bench emulator did not ring')
      return { emitted: r.emitted, emulatorSent: new Map(r.emulatorSent) }
    },
    async monitor(count) {
      const r = await ask({ type: 'monitor', count })
      if (r.type !== 'monitoring') throw new Error('the bench emulator did not set the lines')
      return r.lines
    },
    endAll: async () => void (await ask({ type: 'end-all' })),
    async close() {
      if (child.exitCode === null) {
        await ask({ type: 'close' }).catch(() => undefined)
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(killer)
      }
    }
  }
}
