import { isLeft, isRight } from 'fp-ts/lib/Either'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { reportErrors } from '../../../src/shared/events'
import {
  boundedArray,
  BoundedRcId,
  boundedString,
  nullOr,
  onlyBoundFailures
} from '../../../src/shared/ipc/bounded'

/** The errors of a decode that must fail. */
function errorsOf(codec: t.Mixed, value: unknown): t.Errors {
  const decoded = codec.decode(value)
  if (!isLeft(decoded)) throw new Error('expected a failure')
  return decoded.left
}

const messages = (errors: t.Errors): string[] => reportErrors(errors).map((i) => i.message)

describe('boundedString', () => {
  const Jwt = boundedString(8, 'a JWT')

  it('passes a string at the limit and refuses one over it, naming the limit', () => {
    expect(isRight(Jwt.decode('x'.repeat(8)))).toBe(true)
    const errors = errorsOf(Jwt, 'x'.repeat(9))
    expect(messages(errors)).toEqual(['at most 8 characters for a JWT, got 9'])
    expect(onlyBoundFailures(errors)).toBe(true)
  })

  it('never quotes the value, which may be a credential', () => {
    const errors = errorsOf(Jwt, 'eyJsecret-part')
    expect(JSON.stringify(errors.map((e) => [e.value, e.message]))).not.toContain('secret')
  })

  it('a value that is not a string is the wrong shape, not too big', () => {
    const errors = errorsOf(Jwt, 42)
    expect(messages(errors)).toEqual(['expected a JWT, got 42'])
    expect(onlyBoundFailures(errors)).toBe(false)
  })

  it('agrees with `is`', () => {
    expect(Jwt.is('x'.repeat(8))).toBe(true)
    expect(Jwt.is('x'.repeat(9))).toBe(false)
    expect(Jwt.is(42)).toBe(false)
  })
})

describe('boundedArray', () => {
  const Lines = boundedArray(BoundedRcId, 3, 'lines')

  it('passes an array at the limit and refuses one over it, naming the limit', () => {
    expect(isRight(Lines.decode(['1', '2', '3']))).toBe(true)
    const errors = errorsOf(Lines, ['1', '2', '3', '4'])
    expect(messages(errors)).toEqual(['at most 3 lines, got 4'])
    expect(onlyBoundFailures(errors)).toBe(true)
  })

  it('checks the length before any element, so a huge array costs one comparison', () => {
    let seen = 0
    const Counted = boundedArray(
      new t.Type<string, string, unknown>(
        'Counted',
        (u): u is string => typeof u === 'string',
        (u, c) => (seen++, t.string.validate(u, c)),
        t.identity
      ),
      3,
      'lines'
    )
    expect(messages(errorsOf(Counted, new Array(250_000).fill('1')))).toEqual([
      'at most 3 lines, got 250000'
    ])
    expect(seen).toBe(0)
  })

  it('an element that is too long is a bound failure at its index', () => {
    const errors = errorsOf(Lines, ['1', '9'.repeat(129)])
    expect(reportErrors(errors)).toEqual([
      { path: '[1]', message: 'at most 128 characters for an id, got 129' }
    ])
    expect(onlyBoundFailures(errors)).toBe(true)
  })

  it('an element that is not an id is the wrong shape', () => {
    const errors = errorsOf(Lines, ['1', '../2'])
    expect(onlyBoundFailures(errors)).toBe(false)
    expect(messages(errorsOf(Lines, 'not a list'))).toEqual([
      'expected Array<RcId>, got "not a list"'
    ])
  })
})

describe('BoundedRcId and nullOr', () => {
  it('keeps the id rule of src/shared/util/ids.ts', () => {
    for (const ok of ['297277020', 's-9cdb248614c94aa7ba68135f6c07b808', '1'.repeat(128)])
      expect(isRight(BoundedRcId.decode(ok))).toBe(true)
    for (const bad of ['', '.', '..', '~', 'a/b', 'a#b', 42]) {
      expect(onlyBoundFailures(errorsOf(BoundedRcId, bad))).toBe(false)
    }
  })

  it('reports an over-long value only by its bound, not also as "expected null"', () => {
    const Device = nullOr(BoundedRcId)
    expect(isRight(Device.decode(null))).toBe(true)
    const errors = errorsOf(Device, '1'.repeat(129))
    expect(messages(errors)).toEqual(['at most 128 characters for an id, got 129'])
    expect(onlyBoundFailures(errors)).toBe(true)
  })

  it('a mix of a bound failure and a shape failure is a shape failure', () => {
    const Pair = t.tuple([BoundedRcId, BoundedRcId])
    expect(onlyBoundFailures(errorsOf(Pair, ['1'.repeat(129), 42]))).toBe(false)
  })
})
