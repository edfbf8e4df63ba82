import { symlinkSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type WebServer, startWebServer } from '../../../src/main/web/server'
import { resolveStaticPath } from '../../../src/main/web/static-files'
import { spyHandlers, tempSite, type TempSite } from './support'

interface Reply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** node:http sends the path exactly as given; fetch/URL would normalise `..` away first. */
function get(
  port: number,
  path: string,
  init: { method?: string; host?: string } = {}
): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        ...(init.host ? { headers: { host: init.host } } : {})
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

describe('resolveStaticPath', () => {
  const root = '/srv/renderer'
  it.each([
    ['/', '/srv/renderer/index.html'],
    ['/index.html', '/srv/renderer/index.html'],
    ['/assets/app.js?v=1', '/srv/renderer/assets/app.js'],
    ['/assets/a%20b.js', '/srv/renderer/assets/a b.js']
  ])('%s → %s', (target, file) => {
    expect(resolveStaticPath(root, target)).toBe(file)
  })

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/assets/..\\..\\package.json',
    '/./index.html',
    '//etc/passwd',
    '/assets/',
    '/.env',
    '/index.html%00.js',
    '/%zz',
    'index.html',
    'http://evil.example/index.html',
    '/C:%5cWindows'
  ])('refuses %s', (target) => {
    expect(resolveStaticPath(root, target)).toBeUndefined()
  })
})

describe('static files over HTTP', () => {
  let site: TempSite
  let server: WebServer
  beforeAll(async () => {
    site = tempSite()
    symlinkSync(join(site.dir, 'package.json'), join(site.root, 'assets', 'link.json'))
    server = await startWebServer({ handlers: spyHandlers(), staticDir: site.root })
  })
  afterAll(async () => {
    await server.close()
    site.cleanup()
  })

  it('serves index.html with security headers and no-store', async () => {
    const r = await get(server.port, '/')
    expect(r.status).toBe(200)
    expect(r.body).toContain('<title>Ringside</title>')
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect(r.headers['referrer-policy']).toBe('no-referrer')
    expect(r.headers['cache-control']).toBe('no-store')
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('serves assets with their content types', async () => {
    const js = await get(server.port, '/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await get(server.port, '/assets/app.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8'
    )
    const head = await get(server.port, '/assets/app.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
  })

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/link.json',
    '/assets',
    '/assets/',
    '/.env',
    '/missing.js'
  ])('%s → 404, never the file outside', async (path) => {
    const r = await get(server.port, path)
    expect(r.status).toBe(404)
    expect(r.body).not.toContain('outside the bundle')
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers a missing favicon with 204, so browsers log no error', async () => {
    expect((await get(server.port, '/favicon.ico')).status).toBe(204)
  })

  it('answers only GET and HEAD', async () => {
    const r = await get(server.port, '/', { method: 'POST' })
    expect(r.status).toBe(405)
    expect(r.headers['allow']).toBe('GET, HEAD')
  })

  it('refuses a foreign Host (DNS rebinding)', async () => {
    for (const host of [`evil.example:${server.port}`, `localhost:${server.port}`, '127.0.0.1']) {
      expect((await get(server.port, '/', { host })).status).toBe(403)
    }
  })
})
