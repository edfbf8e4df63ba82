import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core, CoreOptions } from '../../../src/main/core/core'
import { createMemoryVault } from '../../../src/main/core/auth'
import type { PowerEvents } from '../../../src/main/core/ports'
import {
  CLIENT_ID_PLACEHOLDER,
  clientIdFrom,
  serverFrom
} from '../../../src/main/host/core-options'
import { createHost, type Host, type HostPorts } from '../../../src/main/host/host'
import { fakeCore, LIVE, type FakeCore } from '../fakes/core'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ringside-host-'))
})
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

interface Built {
  host: Host
  fake: FakeCore
  options: () => CoreOptions
  emitted: string[]
  lines: string[]
}

function build(overrides: Partial<HostPorts> = {}): Built {
  const fake = fakeCore()
  const createCore = vi.fn((_options: CoreOptions): Core => fake.core)
  const emitted: string[] = []
  const lines: string[] = []
  const host = createHost({
    dataDir,
    createVault: () => createMemoryVault(),
    createCore,
    startDemo: () => Promise.reject(new Error('unused')),
    openExternal: () => Promise.resolve(),
    emit: (event) => emitted.push(event),
    appVersion: '1.2.3',
    autoDemo: true,
    log: (line) => lines.push(line),
    ...overrides
  })
  const options = (): CoreOptions => {
    const first = createCore.mock.calls[0]?.[0]
    if (first === undefined) throw new Error('no core was built')
    return first
  }
  return { host, fake, options, emitted, lines }
}

describe('core options', () => {
  it('takes the client id from RINGSIDE_CLIENT_ID, or the placeholder when it is unset or empty', () => {
    expect(clientIdFrom({ RINGSIDE_CLIENT_ID: 'abc' })).toBe('abc')
    expect(clientIdFrom({})).toBe(CLIENT_ID_PLACEHOLDER)
    expect(clientIdFrom({ RINGSIDE_CLIENT_ID: '' })).toBe(CLIENT_ID_PLACEHOLDER)
  })

  it('keeps a valid saved server in its normal form, and says so when it falls back', () => {
    const log = vi.fn()
    expect(serverFrom('https://platform.devtest.ringcentral.com/', log)).toBe(
      'https://platform.devtest.ringcentral.com'
    )
    expect(serverFrom('http://127.0.0.1:4010', log)).toBe('http://127.0.0.1:4010')
    expect(log).not.toHaveBeenCalled()
    expect(serverFrom('http://calls.example.com', log)).toBe('https://platform.ringcentral.com')
    expect(log).toHaveBeenCalledExactlyOnceWith(
      '[settings] the saved server address is not valid; using RingCentral production'
    )
  })
})

describe('createHost', () => {
  it('builds the core from its ports and answers the handlers with the app version', async () => {
    const power: PowerEvents = {
      onResume: () => () => undefined,
      onNetworkChange: () => () => undefined
    }
    const { host, options } = build({ power })
    expect(options()).toMatchObject({ appVersion: '1.2.3', power })
    expect(await host.handlers['app:version']()).toBe('1.2.3')
  })

  it('passes Retry now to the core and answers whether an attempt was brought forward', async () => {
    const { host, fake } = build()
    expect(await host.handlers['connection:retry-now']()).toBe(true)
    fake.spies.retryNow.mockReturnValueOnce(false)
    expect(await host.handlers['connection:retry-now']()).toBe(false)
    expect(fake.spies.retryNow).toHaveBeenCalledTimes(2)
  })

  it('logs a discarded stored sign-in in the same words for every vault', () => {
    const { lines } = build({
      createVault: (onCorrupt) => {
        onCorrupt('the token file is damaged')
        return createMemoryVault()
      }
    })
    expect(lines).toEqual(['[vault] stored sign-in discarded: the token file is damaged'])
  })

  it('begins without the demo when told not to, and logs a demo that did not start by name', async () => {
    const quiet = build({ autoDemo: false })
    await quiet.host.begin()
    expect(quiet.fake.spies.start).toHaveBeenCalledTimes(1)
    expect(quiet.fake.spies.signInDemo).not.toHaveBeenCalled()

    const failing = build()
    failing.fake.spies.signInDemo.mockRejectedValue(new TypeError('secret detail'))
    await failing.host.begin()
    expect(failing.lines).toEqual(['[app] the demo did not start (TypeError)'])
  })

  it('pushes the core events to the page until it stops, and stops the core once', async () => {
    const { host, fake, emitted } = build()
    fake.setStatus(LIVE)
    expect(emitted).toEqual(['state:status'])

    await Promise.all([host.stop(), host.stop()])

    expect(fake.spies.stop).toHaveBeenCalledTimes(1)
    expect(fake.listenerCounts()).toEqual({ status: 0, state: 0, events: 0 })
  })
})
