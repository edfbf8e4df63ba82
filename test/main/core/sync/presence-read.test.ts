/**
 * The readback's presence reads against the strict emulator with the real SDK: batches of at most
 * 30 (docs/platform.md#bulk-presence), a hidden colleague's part marks the line hidden, an unknown
 * extension is reported, and the request count drops from one per line to one per 30 lines.
 */
import { describe, expect, it } from 'vitest'
import { readPresences } from '../../../../src/main/core/sync/presence-read'
import type { PlatformLike } from '../../../../src/main/core/rest'
import { systemClock } from '../../../../src/main/core/ports'
import { startWorld, type World } from '../../../emulator/integration/support'

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** What the SDK throws for an HTTP error: the response rides on the error. */
const unavailable = (): Error =>
  Object.assign(new Error('Service Unavailable'), {
    response: new Response(
      JSON.stringify({ errorCode: 'CMN-211', message: 'Service Unavailable' }),
      {
        status: 503,
        headers: { 'content-type': 'application/json' }
      }
    )
  })

/**
 * The real SDK platform, with every presence GET it sends counted; with `failBatches`, a batch
 * read (more than one id) is answered 503 as the platform does when it is down.
 */
function counted(
  world: World,
  failBatches = false
): { deps: Parameters<typeof readPresences>[0]; gets: string[] } {
  const gets: string[] = []
  const real = world.sdk.platform()
  const platform: PlatformLike = {
    get: (url, query, options) => {
      if (url.includes('/presence')) gets.push(url)
      if (failBatches && url.includes(',')) return Promise.reject(unavailable())
      return real.get(url, query, options)
    },
    post: (url, body, query, options) => real.post(url, body, query, options),
    put: (url, body, query, options) => real.put(url, body, query, options),
    patch: (url, body, query, options) => real.patch(url, body, query, options),
    delete: (url, body, query, options) => real.delete(url, body, query, options)
  }
  return { deps: { platform: () => platform, clock: systemClock }, gets }
}

describe('readback presence in batches', () => {
  it('reads 45 lines in 2 requests, marks the hidden one, reports the unknown one', async () => {
    const world = await startWorld({ seed: 3, agents: 44 })
    const e = world.emulator
    const users = e.cast
      .extensions()
      .filter((x) => x.type === 'User')
      .map((x) => x.id)
    const hidden = users.find((id) => id !== e.agentExtensionId)!
    ok(e.engine.setPresence(hidden, { allowSeeMyPresence: false }))
    const ids = [...users.slice(0, 44), '99999999']
    expect(ids).toHaveLength(45)
    const { deps, gets } = counted(world)
    const reads = await readPresences(deps, ids)
    // One request per 30 lines, where one per line would be 45.
    expect(gets).toHaveLength(2)
    expect(gets.every((g) => g.split(',').length <= 30)).toBe(true)
    expect(reads.records.map((r) => r.extensionId).sort()).toEqual(
      ids.filter((id) => id !== hidden && id !== '99999999').sort()
    )
    expect(reads.records.every((r) => !('sequence' in r))).toBe(true)
    expect(reads.hidden).toEqual([
      {
        extensionId: hidden,
        reason: `CMN-408: Extension [${hidden}] does not allow to see its presence`
      }
    ])
    expect(reads.problems).toEqual(['presence of 99999999: unknown extension'])
  })

  it('a batch the platform cannot serve (503) costs one request, not one per line', async () => {
    const world = await startWorld({ seed: 3, agents: 44 })
    const ids = world.emulator.cast
      .extensions()
      .filter((x) => x.type === 'User')
      .map((x) => x.id)
      .slice(0, 30)
    const { deps, gets } = counted(world, true)
    const reads = await readPresences(deps, ids)
    expect(gets).toHaveLength(1)
    expect(reads.records).toEqual([])
    expect(reads.problems).toHaveLength(30)
    expect(reads.problems[0]).toMatch(new RegExp(`^presence of ${ids[0]}: .*Service Unavailable`))
  })

  it('a single line is a plain read; a hidden one is still hidden', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const colleague = e.engine.lines(e.agentExtensionId)[0]!
    ok(e.engine.setPresence(colleague, { allowSeeMyPresence: false }))
    const { deps, gets } = counted(world)
    const reads = await readPresences(deps, [colleague])
    expect(gets).toEqual([
      `/restapi/v1.0/account/~/extension/${colleague}/presence?detailedTelephonyState=true&sipData=true`
    ])
    expect(reads.hidden.map((h) => h.extensionId)).toEqual([colleague])
    expect(reads.records).toEqual([])
  })
})
