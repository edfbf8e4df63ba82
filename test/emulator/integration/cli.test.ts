import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'

describe('emulator CLI', () => {
  it('prints one ready JSON line first, then logs, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--seed', '3', '--speed', '5'],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    const lines: string[] = []
    const rl = createInterface({ input: child.stdout })
    const first = new Promise<string>((resolve) => rl.once('line', resolve))
    rl.on('line', (l) => lines.push(l))
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code))
    )
    try {
      const ready = JSON.parse(await first) as Record<string, unknown>
      expect(Object.keys(ready)).toEqual([
        'ready',
        'server',
        'clientId',
        'clientSecret',
        'jwt',
        'sipUrl'
      ])
      expect(ready['sipUrl']).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/)
      expect(ready['ready']).toBe(true)
      expect(ready['server']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = await fetch(`${String(ready['server'])}/__emulator/calls/director`)
      expect(await health.json()).toMatchObject({ traffic: true, speed: 5 })
      await new Promise((r) => setTimeout(r, 800))
      expect(
        lines.slice(1).some((l) => (JSON.parse(l) as { event: string }).event === 'call.party')
      ).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })
})
