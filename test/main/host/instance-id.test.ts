import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { instanceIdIn } from '../../../src/main/host/instance-id'

const dirs: string[] = []
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ringside-instance-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the phone instance id', () => {
  it('is made once and kept across starts of the app', () => {
    const file = join(dir(), 'phone-instance-id')
    const first = instanceIdIn(file, () => undefined)()
    expect(first).toMatch(/^[0-9a-f-]{36}$/)
    expect(readFileSync(file, 'utf8').trim()).toBe(first)
    expect(instanceIdIn(file, () => undefined)()).toBe(first)
  })
  it('lasts the run when it cannot be saved, and says so', () => {
    const file = join(dir(), 'phone-instance-id')
    mkdirSync(file)
    const lines: string[] = []
    const get = instanceIdIn(file, (l) => lines.push(l))
    expect(get()).toBe(get())
    expect(lines).toEqual([expect.stringMatching(/could not be saved \(E\w+\)/)])
  })
})
