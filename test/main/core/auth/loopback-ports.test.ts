import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { AuthError } from '../../../../src/main/core/auth/errors'
import { startLoopback, type LoopbackListener } from '../../../../src/main/core/auth/loopback'
import { LoopbackPorts } from '../../../../src/main/core/auth/loopback-ports'
import { createState } from '../../../../src/main/core/auth/pkce'
import { loopbackPortsFrom } from '../../../../src/main/host/core-options'
import { rawRequest } from './support/http-client'

/**
 * Fixed loopback ports (RingCentral matches redirect URIs exactly, OAU-109): the registered ports
 * are tried in order, one held by another program is skipped, and all taken is a clear error.
 */
const listeners: LoopbackListener[] = []
const blockers: Server[] = []

afterEach(async () => {
  for (const listener of listeners.splice(0)) listener.close()
  await Promise.all(
    blockers
      .splice(0)
      .map((server) => new Promise<void>((resolve) => server.close(() => resolve())))
  )
})

/** Holds a loopback port the way another program would; resolves with the port. */
async function occupy(): Promise<number> {
  const server = createServer()
  blockers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** A port that was free a moment ago (bound then released). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function start(ports: readonly number[]): Promise<LoopbackListener> {
  const listener = await startLoopback({ state: createState(), ports })
  listeners.push(listener)
  return listener
}

describe('loopback listener on registered ports', () => {
  it('binds the first registered port, and the redirect URI names it', async () => {
    const port = await freePort()
    const listener = await start([port])
    expect(listener.port).toBe(port)
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${port}/oauth/callback`)
    expect((await rawRequest(port, { path: '/oauth/callback' })).status).toBe(400)
  })

  it('skips a port another program holds and takes the next one', async () => {
    const taken = await occupy()
    const next = await freePort()
    const listener = await start([taken, next])
    expect(listener.port).toBe(next)
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${next}/oauth/callback`)
  })

  it('fails clearly, naming the ports, when every registered port is taken', async () => {
    const ports = [await occupy(), await occupy()]
    const failure = await startLoopback({ state: createState(), ports }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(AuthError)
    expect(failure).toMatchObject({ code: 'ports-in-use' })
    expect((failure as AuthError).message).toContain(`(${ports.join(', ')})`)
    expect((failure as AuthError).message).toContain('ask IT to register another port')
  })

  it('keeps an ephemeral port only when no ports are registered', async () => {
    const listener = await start([])
    expect(listener.port).toBeGreaterThan(0)
  })
})

describe('RINGSIDE_LOOPBACK_PORTS', () => {
  it('reads a comma-separated list in order', () => {
    const log: string[] = []
    const env = { RINGSIDE_LOOPBACK_PORTS: ' 51731, 51732 ' }
    expect(loopbackPortsFrom(env, (l) => log.push(l))).toEqual([51731, 51732])
    expect(loopbackPortsFrom({}, (l) => log.push(l))).toEqual([])
    expect(loopbackPortsFrom({ RINGSIDE_LOOPBACK_PORTS: '' }, (l) => log.push(l))).toEqual([])
    expect(log).toEqual([])
  })

  it.each(['51731,abc', '80', '51731,51731', '70000', '51731,,51732', '1e4', '-5'])(
    'refuses %j as a whole, with a log line, and falls back to an ephemeral port',
    (value) => {
      const log: string[] = []
      expect(loopbackPortsFrom({ RINGSIDE_LOOPBACK_PORTS: value }, (l) => log.push(l))).toEqual([])
      expect(log).toEqual([expect.stringContaining('RINGSIDE_LOOPBACK_PORTS must be')])
    }
  )

  it('bounds the list at ten ports', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => 51731 + i)
    expect(LoopbackPorts.decode(eleven)._tag).toBe('Left')
    expect(LoopbackPorts.decode(eleven.slice(0, 10))._tag).toBe('Right')
  })
})
