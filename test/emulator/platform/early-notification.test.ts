import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { Platform } from '../../../src/emulator/platform'
import { AGENT, Harness } from './helpers'
import { openSession, subscriptionBody } from './raw'

const FIXTURE = fileURLToPath(new URL('./fixtures/early-notification-client.mjs', import.meta.url))

const h = new Harness()
afterEach(() => h.dispose())

interface ChildResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function runClient(platform: Platform): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE], {
      env: {
        ...process.env,
        EMU_SERVER: platform.url,
        EMU_CLIENT_ID: platform.clientId,
        EMU_CLIENT_SECRET: platform.clientSecret,
        EMU_JWT: platform.mintJwt(AGENT)
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('earlyNotification fault', () => {
  it('sends a notification before the POST reply', async () => {
    const platform = await h.start()
    platform.control.earlyNotification({ event: '/early', body: { early: true } })
    const { client } = await openSession(h, platform)
    client.send([
      {
        type: 'ClientRequest',
        messageId: 'post-1',
        method: 'POST',
        path: '/restapi/v1.0/subscription'
      },
      subscriptionBody(['/restapi/v1.0/account/~/extension/~/presence'])
    ])
    await client.next((m) => m['messageId'] === 'post-1', 'POST reply')
    const types = client.frames.map((f) => f[0]['type'])
    expect(types).toEqual(['ConnectionDetails', 'ServerNotification', 'ClientRequest'])
    const [, early] = client.frames[1]!
    const [, reply] = client.frames[2]!
    expect(early).toMatchObject({
      event: '/early',
      body: { early: true },
      subscriptionId: (reply as { id: string }).id
    })
    expect(platform.control.faults().earlyNotification).toBe(false)
  })

  it('kills a Node process running the real client with the @rc-ex/ws TypeError', async () => {
    const platform = await h.start()
    const control = await runClient(platform)
    expect(control.stdout).toContain('REGISTERED')
    expect(control.code).toBe(0)

    platform.control.earlyNotification(true)
    const crashed = await runClient(platform)
    expect(crashed.stdout).not.toContain('REGISTERED')
    expect(crashed.code).not.toBe(0)
    expect(crashed.stderr).toContain(
      "TypeError: Cannot read properties of undefined (reading 'id')"
    )
    expect(crashed.stderr).toMatch(/@rc-ex[/\\]ws[/\\]dist[/\\](esm|cjs)[/\\]subscription\.js/)
  })
})
