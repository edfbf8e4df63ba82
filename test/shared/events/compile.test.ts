/**
 * The compiler on io-ts's own codecs (others may add them to the event codecs): a compiled check's
 * answer must be io-ts's answer. A value means io-ts succeeds with an equal value; `INVALID` means
 * io-ts fails; `BAIL` is always allowed (io-ts then decides). Unknown codecs do not compile.
 */
import fc from 'fast-check'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { enumOf, Id, Str, struct } from '../../../src/shared/events'
import { compile } from '../../../src/shared/events/compile'
import { BAIL, INVALID } from '../../../src/shared/events/fast'

const Color = enumOf('Color', { red: null, green: null })
const Positive = t.refinement(t.number, (n) => n > 0, 'Positive')
const CODECS: ReadonlyArray<readonly [string, t.Mixed]> = [
  ['type', t.type({ a: t.string, b: t.union([t.number, t.undefined]) })],
  ['partial', t.partial({ a: t.string, n: Positive, l: t.literal('x') })],
  ['union', t.union([t.string, t.array(t.boolean), t.null])],
  ['union of warning members', t.union([struct('S', { c: Color }), t.type({ c: t.number })])],
  ['keyof', t.keyof({ on: null, off: null })],
  ['readonly', t.readonly(t.type({ id: Id }))],
  ['struct with io-ts fields', struct('S', { a: Str }, { u: t.union([t.literal(1), Id]) })]
]

const values = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      a: fc.oneof(fc.string(), fc.integer()),
      b: fc.oneof(fc.integer(), fc.constant(undefined)),
      n: fc.integer({ min: -3, max: 3 }),
      l: fc.constantFrom('x', 'y'),
      c: fc.oneof(fc.constantFrom('red', 'blue'), fc.integer()),
      id: fc.oneof(fc.string(), fc.nat()),
      u: fc.oneof(fc.constant(1), fc.nat(), fc.boolean())
    },
    { requiredKeys: [] }
  ),
  fc.constantFrom('on', 'off', 'red', null, [true, false], [1])
)

describe('compiled io-ts codecs', () => {
  it.each(CODECS)('%s: the check agrees with io-ts', (_name, codec) => {
    const check = compile(codec)?.check
    expect(check).toBeDefined()
    fc.assert(
      fc.property(values, (u) => {
        const r = check!(u)
        const io = codec.decode(u)
        if (r === BAIL) return
        if (r === INVALID) expect(io._tag).toBe('Left')
        else expect(io).toStrictEqual({ _tag: 'Right', right: r })
      }),
      { numRuns: 400 }
    )
  })

  it('does not compile what it does not know, nor anything containing it', () => {
    const custom = new t.Type<string, string, unknown>(
      'custom',
      t.string.is,
      t.string.validate,
      String
    )
    expect(compile(custom)).toBeUndefined()
    expect(compile(t.exact(t.type({ a: t.string })))).toBeUndefined()
    expect(compile(struct('S', {}, { later: custom }))).toBeUndefined()
  })

  it('picks up a field added to a struct by construction', () => {
    const Wider = struct('Wider', { a: Str }, { added: Id })
    const check = compile(Wider)!.check
    expect(check({ a: 'x', added: true })).toBe(INVALID)
    expect(check({ a: 'x', added: 7 })).toEqual({ a: 'x', added: '7' })
  })
})
