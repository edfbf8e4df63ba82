import type { AppPermission } from '../permissions'
import type { RateGroup } from './rate-limit'
import type { ApiHandler, HttpMethod, PublicHandler, PublicRequest } from './types'

export interface RouteOptions {
  /** Throttling group (docs/platform.md#rate-limits; spec `x-throttling-group`). */
  readonly group: RateGroup
  /** App permission required; missing → 403 CMN-401 naming it. */
  readonly permission?: AppPermission
}

export interface PublicRouteOptions {
  readonly group: RateGroup
  /** Rate-limit key for unauthenticated routes (default: the client id or remote address). */
  readonly rateKey?: (req: PublicRequest) => string
}

export type Route =
  | { readonly kind: 'api'; readonly options: RouteOptions; readonly handler: ApiHandler }
  | {
      readonly kind: 'public'
      readonly options: PublicRouteOptions
      readonly handler: PublicHandler
    }
  | { readonly kind: 'control'; readonly handler: PublicHandler }

interface Entry {
  readonly method: HttpMethod
  readonly pattern: string
  readonly segments: ReadonlyArray<string>
  readonly route: Route
}

export type RouteMatch =
  | { readonly found: true; readonly route: Route; readonly params: Record<string, string> }
  | { readonly found: false }

export const CONTROL_PREFIX = '/__emulator/'

/**
 * Tiny method + path router. Patterns use `:name` segments, e.g.
 * `/restapi/v1.0/account/:accountId/extension/:extensionId/presence`. Params named `accountId`
 * and `extensionId` get `~` resolution and existence checks in the pipeline.
 */
export class Router {
  private readonly entries: Entry[] = []

  /** Authenticated REST route (bearer token, rate limit per user, optional permission). */
  route(method: HttpMethod, pattern: string, options: RouteOptions, handler: ApiHandler): this {
    return this.add(method, pattern, { kind: 'api', options, handler })
  }

  /** Unauthenticated but rate-limited route (OAuth endpoints). */
  publicRoute(
    method: HttpMethod,
    pattern: string,
    options: PublicRouteOptions,
    handler: PublicHandler
  ): this {
    return this.add(method, pattern, { kind: 'public', options, handler })
  }

  /** Control API route under `/__emulator/`: loopback only, no auth, no rate limit. */
  control(method: HttpMethod, pattern: string, handler: PublicHandler): this {
    if (!pattern.startsWith(CONTROL_PREFIX)) {
      throw new Error(`control routes must live under ${CONTROL_PREFIX}: ${pattern}`)
    }
    return this.add(method, pattern, { kind: 'control', handler })
  }

  match(method: string, path: string): RouteMatch {
    const parts = splitPath(path)
    for (const entry of this.entries) {
      if (entry.method !== method) continue
      const params = matchSegments(entry.segments, parts)
      if (params !== undefined) return { found: true, route: entry.route, params }
    }
    return { found: false }
  }

  /** Registered routes, for diagnostics and the docs test. */
  list(): ReadonlyArray<{ method: HttpMethod; pattern: string; kind: Route['kind'] }> {
    return this.entries.map((e) => ({ method: e.method, pattern: e.pattern, kind: e.route.kind }))
  }

  private add(method: HttpMethod, pattern: string, route: Route): this {
    if (this.entries.some((e) => e.method === method && e.pattern === pattern)) {
      throw new Error(`duplicate route ${method} ${pattern}`)
    }
    this.entries.push({ method, pattern, segments: splitPath(pattern), route })
    return this
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}

function matchSegments(
  pattern: ReadonlyArray<string>,
  parts: ReadonlyArray<string>
): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!
    const v = parts[i]!
    if (p.startsWith(':')) {
      let decoded: string
      try {
        decoded = decodeURIComponent(v)
      } catch {
        return undefined
      }
      params[p.slice(1)] = decoded
    } else if (p !== v) {
      return undefined
    }
  }
  return params
}
