/**
 * `firstDraw` stands in for `createRng(seed).next()` in the variety's per-key decisions: the same
 * seed must give the same draw, or a seeded emulator would change its event stream.
 */
import { describe, expect, it } from 'vitest'
import { createRng, firstDraw } from '../../../src/emulator/callcentre/random'

describe('random', () => {
  it("firstDraw is a generator's first draw, for number and string seeds", () => {
    const seeds: Array<number | string> = [0, 1, 3, 2 ** 32 - 1, -7, 1.5, 'demo', '']
    for (let i = 0; i < 200; i++) seeds.push(i * 7919, `variety:3:sequenceGaps:${i}:${i * 3}`)
    for (const seed of seeds) expect(firstDraw(seed), String(seed)).toBe(createRng(seed).next())
  })
})
