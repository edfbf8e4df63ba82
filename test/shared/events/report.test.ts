import { isLeft } from 'fp-ts/lib/Either'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { reportErrors } from '../../../src/shared/events'

const pathsOf = (codec: t.Mixed, value: unknown): string[] => {
  const decoded = codec.decode(value)
  if (!isLeft(decoded)) throw new Error('expected a failure')
  return reportErrors(decoded.left).map((i) => i.path)
}

describe('reportErrors paths', () => {
  it('skips the member indexes of unions and intersections', () => {
    const Both = t.intersection([t.type({ a: t.string }), t.partial({ b: t.number })])
    expect(pathsOf(t.type({ x: Both }), { x: { a: 1, b: 'no' } })).toEqual(['x.a', 'x.b'])
    expect(pathsOf(t.type({ x: t.union([t.string, t.number]) }), { x: null })).toEqual(['x', 'x'])
  })

  it('keeps the field names under an exact or refined object, which adds no entry of its own', () => {
    const Patch = t.exact(t.partial({ rules: t.exact(t.type({ lines: t.array(t.string) })) }))
    expect(pathsOf(t.tuple([Patch]), [{ rules: { lines: [1] } }])).toEqual(['[0].rules.lines[0]'])
    const Refined = t.refinement(t.type({ a: t.string }), () => true, 'Refined')
    expect(pathsOf(t.type({ x: Refined }), { x: { a: 1 } })).toEqual(['x.a'])
  })

  it('still skips the member indexes of an exact intersection', () => {
    const Jwt = t.exact(t.intersection([t.type({ jwt: t.string }), t.partial({ id: t.string })]))
    expect(pathsOf(t.tuple([Jwt]), [{ jwt: 1, id: 2 }])).toEqual(['[0].jwt', '[0].id'])
  })
})
