import { describe, expect, it } from 'vitest'
import {
  challengeS256,
  createState,
  createVerifier,
  isValidVerifier,
  statesEqual
} from '../../../../src/main/core/auth/pkce'

describe('PKCE (RFC 7636)', () => {
  it('matches the known answer of appendix B', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
    expect(challengeS256(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
    expect(isValidVerifier(verifier)).toBe(true)
  })

  it('makes 10k verifiers of 43 unreserved chars, all different', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const verifier = createVerifier()
      expect(verifier).toHaveLength(43)
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]+$/)
      seen.add(verifier)
    }
    expect(seen.size).toBe(10_000)
  })

  it('rejects verifiers outside RFC 7636 §4.1', () => {
    expect(isValidVerifier('short')).toBe(false)
    expect(isValidVerifier('a'.repeat(129))).toBe(false)
    expect(isValidVerifier(`${'a'.repeat(42)}+`)).toBe(false)
  })
})

describe('state (RFC 8252 §8.9)', () => {
  it('carries at least 128 bits and is fresh each time', () => {
    const a = createState()
    const b = createState()
    expect(Buffer.from(a, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(a).not.toBe(b)
  })

  it('compares exactly, for any length, without throwing', () => {
    const s = createState()
    expect(statesEqual(s, s)).toBe(true)
    expect(statesEqual(s, `${s}x`)).toBe(false)
    expect(statesEqual(s, s.slice(1))).toBe(false)
    expect(statesEqual(s, '')).toBe(false)
    expect(statesEqual(s, null)).toBe(false)
    expect(statesEqual(s, undefined)).toBe(false)
    expect(statesEqual('', '')).toBe(false)
  })
})
