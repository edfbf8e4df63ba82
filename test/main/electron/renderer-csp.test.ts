import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8')

/** Directive name → sources, from the single CSP <meta> tag of the renderer's index.html. */
function parseCsp(source: string): Map<string, string[]> {
  const metas = [...source.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)]
  expect(metas).toHaveLength(1)
  const content = /content="([^"]*)"/i.exec(metas[0]?.[0] ?? '')?.[1]
  if (content === undefined) throw new Error('CSP meta tag has no content attribute')

  const directives = new Map<string, string[]>()
  for (const part of content.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), values)
  }
  return directives
}

describe('renderer Content-Security-Policy', () => {
  const csp = parseCsp(html)

  it('allows scripts from the app only', () => {
    expect(csp.get('script-src')).toEqual(["'self'"])
  })

  it('never allows eval or inline script anywhere', () => {
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'")
      expect(sources, name).not.toContain("'wasm-unsafe-eval'")
      if (name === 'script-src' || name === 'default-src') {
        expect(sources, name).not.toContain("'unsafe-inline'")
      }
    }
  })

  it('locks down plugins, base URI and forms', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    // Ignored in a meta tag (Chromium logs an error for it); browser mode sends it as a header.
    expect(csp.has('frame-ancestors')).toBe(false)
  })

  it('connects only to the app and the loopback bridge', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*'])
  })
})
