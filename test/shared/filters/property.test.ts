import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildFilter,
  isPresenceFilter,
  normaliseFilters,
  parseEventPath,
  parseFilter,
  PRESENCE_DETAILS,
  validateFilter
} from '../../../src/shared/filters'
import { filterArb, realId } from './arbitraries'

describe('properties', () => {
  it('parseFilter(buildFilter(f)) deep-equals f, and validateFilter accepts f', () => {
    fc.assert(
      fc.property(filterArb(), (f) => {
        expect(parseFilter(buildFilter(f))).toStrictEqual({ ok: true, filter: f })
        expect(validateFilter(f).ok).toBe(true)
      })
    )
  })

  it('the canonical string is stable and works without the /restapi/v1.0 prefix', () => {
    fc.assert(
      fc.property(filterArb(), (f) => {
        const s = buildFilter(f)
        const bare = parseFilter(s.slice('/restapi/v1.0'.length))
        expect(bare.ok && buildFilter(bare.filter)).toBe(s)
      })
    )
  })

  it('parseEventPath of a built filter with real ids classifies to the same resource', () => {
    fc.assert(
      fc.property(filterArb(realId), (f) => {
        const r = parseEventPath(buildFilter(f))
        expect(r.ok).toBe(true)
        if (!r.ok) return
        const { resource, ...rest } = r.path
        const { kind, ...expected } = f
        expect(resource).toBe(kind)
        // Same ids, detail and telephony params as the filter.
        expect(rest).toStrictEqual(expected)
      })
    )
  })

  it('parseFilter and parseEventPath never throw, whatever the input', () => {
    const mutated = fc
      .tuple(filterArb(), fc.nat(), fc.string({ maxLength: 4 }))
      .map(([f, at, insert]) => {
        const s = buildFilter(f)
        const i = at % (s.length + 1)
        return s.slice(0, i) + insert + s.slice(i + 1)
      })
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated), (s) => {
        const filter = parseFilter(s)
        const event = parseEventPath(s)
        // Both sides agree on what is acceptable.
        expect(event.ok).toBe(filter.ok)
        if (filter.ok) expect(parseFilter(buildFilter(filter.filter))).toStrictEqual(filter)
      })
    )
  })

  it('normaliseFilters: idempotent, no duplicates, one presence filter per path at max detail', () => {
    fc.assert(
      fc.property(
        fc.array(filterArb(fc.constantFrom('~', '1', '2')), { maxLength: 12 }),
        (list) => {
          const out = normaliseFilters(list)
          expect(normaliseFilters(out)).toStrictEqual(out)
          const strings = out.map(buildFilter)
          expect(new Set(strings).size).toBe(strings.length)
          // Every input is covered by an output at least as detailed.
          for (const f of list) {
            if (!isPresenceFilter(f)) {
              expect(strings).toContain(buildFilter(f))
              continue
            }
            const same = out.filter(
              (g) =>
                g.kind === f.kind &&
                g.accountId === f.accountId &&
                isPresenceFilter(g) &&
                g.extensionId === f.extensionId
            )
            expect(same).toHaveLength(1)
            const kept = same[0]
            if (kept !== undefined && isPresenceFilter(kept)) {
              const max = Math.max(
                ...list
                  .filter(
                    (g) =>
                      isPresenceFilter(g) &&
                      g.kind === f.kind &&
                      g.accountId === f.accountId &&
                      g.extensionId === f.extensionId
                  )
                  .map((g) => (isPresenceFilter(g) ? PRESENCE_DETAILS.indexOf(g.detail) : -1))
              )
              expect(PRESENCE_DETAILS.indexOf(kept.detail)).toBe(max)
            }
          }
        }
      )
    )
  })
})
