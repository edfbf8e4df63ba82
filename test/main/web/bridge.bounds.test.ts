/**
 * The size bounds through browser mode: `startWebHost` with the real host and core signed in to
 * the emulator, every call a frame on a real loopback WebSocket after the hello. The same checks
 * as the Electron router (test/support/bounds-state.ts), plus the frame bound itself: a frame over
 * `maxPayload` closes the socket (1009) before it is parsed, and nothing changes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../src/emulator'
import { demoHandle } from '../../../src/main/core/demo'
import { startWebHost, type WebHost } from '../../../src/main/web/host'
import { MAX_PAYLOAD_BYTES, requestFrame } from '../../../src/shared/ipc/bridge-protocol'
import { idsOf } from '../../support/bounds'
import {
  type Invoke,
  monitoredLinesHold,
  settingsFileHolds,
  signedIn,
  signInHolds,
  startBoundsEmulator
} from '../../support/bounds-state'
import { authed, type Client, secretOf, tempSite, type TempSite } from './support'

let site: TempSite
let dataDir: string
let emulator: Emulator
let host: WebHost
let page: Client
let invoke: Invoke
const others: Client[] = []

beforeAll(async () => {
  site = tempSite()
  dataDir = mkdtempSync(join(tmpdir(), 'ringside-bounds-web-'))
  emulator = await startBoundsEmulator()
  host = await startWebHost({
    dataDir,
    staticDir: site.root,
    coreOptions: { startDemo: async () => demoHandle(emulator) },
    log: () => undefined
  })
  await host.begin()
  page = await authed(Number(new URL(host.url).port), secretOf(host.url))
  let id = 0
  invoke = async (channel, args) => {
    const mine = ++id
    page.send({ id: mine, channel, args })
    return (await page.next((f) => f['id'] === mine, 15_000))['envelope']
  }
  await signedIn(invoke)
})

afterAll(async () => {
  for (const c of [page, ...others]) c?.ws.terminate()
  await host?.close()
  await emulator?.close().catch(() => undefined)
  rmSync(dataDir, { recursive: true, force: true })
  site?.cleanup()
})

describe('size bounds over the browser bridge', () => {
  it('lines:set-monitored: 100 lines reach RingCentral; 101 are refused and the lines stay', () =>
    monitoredLinesHold(invoke, emulator))

  it('settings:update: 100 selected lines are saved; 101 are refused and the file stays', () =>
    settingsFileHolds(invoke, join(dataDir, 'settings.json')))

  it('sign-in:submit-jwt: an oversize JWT is refused and the sign-in stands', () =>
    signInHolds(invoke, emulator))

  it("a frame over maxPayload (the review's 250,000 lines) closes its socket, changing nothing", async () => {
    const lines = emulator.engine.lines(emulator.agentExtensionId)
    const file = join(dataDir, 'settings.json')
    const saved = readFileSync(file, 'utf8')
    const rogue = await authed(Number(new URL(host.url).port), secretOf(host.url))
    others.push(rogue)
    const frame = requestFrame(1, 'lines:set-monitored', [idsOf(250_000)])
    expect(Buffer.byteLength(frame)).toBeGreaterThan(MAX_PAYLOAD_BYTES)
    rogue.ws.send(frame)
    expect(await rogue.closed).toBe(1009)
    expect(rogue.frames.filter((f) => f['id'] === 1)).toEqual([])
    expect(emulator.engine.lines(emulator.agentExtensionId)).toEqual(lines)
    expect(readFileSync(file, 'utf8')).toBe(saved)
    // The page on its own socket is not affected.
    expect(await invoke('app:version', [])).toMatchObject({ ok: true })
  })
})
