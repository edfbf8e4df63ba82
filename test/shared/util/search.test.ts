import { describe, expect, it } from 'vitest'
import { matchesSearch, searchKey } from '../../../src/shared/util/search'

describe('search without regard to case or accents', () => {
  it.each([
    ['jose', 'José Peña 109'],
    ['pena', 'José Peña 109'],
    ['Chloe', 'Chloé Martin 113'],
    ['siobhan', "Siobhán O'Neill 112"],
    ['bjorn', 'Björn Åkesson 114'],
    ['akesson', 'Björn Åkesson 114'],
    ['soren', 'Søren Lindqvist 115'],
    ['malgorzata', 'Małgorzata Nowak 107'],
    ['ilker yildiz', 'İlker Yıldız 108'],
    ['nguyen', 'Hà Nguyễn 116'],
    ['JOSÉ PE', 'José Peña 109'],
    ['10', 'José Peña 109']
  ])('%s finds %s', (query, name) => {
    expect(matchesSearch(searchKey(name), query)).toBe(true)
  })

  it('still needs what was typed, in order', () => {
    expect(matchesSearch(searchKey('José Peña 109'), 'jose smith')).toBe(false)
    expect(matchesSearch(searchKey('José Peña 109'), 'pena jose')).toBe(false)
    expect(matchesSearch(searchKey('Zoë Müller 103'), 'mueller')).toBe(false)
  })
})
