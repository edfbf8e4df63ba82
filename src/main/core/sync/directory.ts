/**
 * Who is who: the agent's own extension, the names of the account's extensions, the monitored
 * lines and the favorites, in board order. Fetched at sign-in and again when a list-change event
 * (`…/presence/line`, `…/favorite`) says a list changed.
 */
import { arrayOf, Id, Str, struct } from '../../../shared/events'
import type { DirectoryEntry, DirectoryUpdate } from '../state'
import type * as t from 'io-ts'
import { getJson, type RestDeps, type RestResult } from './rest'

const ExtensionInfo = struct(
  'ExtensionInfo',
  { id: Id },
  { extensionNumber: Str, name: Str, type: Str }
)
const ExtensionPage = struct(
  'ExtensionPage',
  { records: arrayOf(ExtensionInfo) },
  {
    navigation: struct('Navigation', {}, { nextPage: struct('Link', { uri: Str }) })
  }
)
/**
 * `…/presence/line` in the legacy shape (docs/platform.md#line-records): `id` is a LINE id, the
 * monitored extension is `extension.id`, the first lines are the agent's own, and it is paged.
 */
const LineList = struct(
  'LineList',
  {
    records: arrayOf(
      struct(
        'LineRecord',
        {
          id: Id,
          extension: struct(
            'LineExtension',
            { id: Id },
            { extensionNumber: Str, type: Str, name: Str }
          )
        },
        {}
      )
    )
  },
  {
    navigation: struct('Navigation', {}, { nextPage: struct('Link', { uri: Str }) })
  }
)
type LineRecord = t.TypeOf<typeof LineList>['records'][number]

/** Pages of the line list, followed as far as `MAX_PAGES`. */
const MAX_PAGES = 20
const FavoriteList = struct('FavoriteList', {
  records: arrayOf(struct('FavoriteRecord', {}, { extensionId: Id, id: Id }))
})

const BASE = '/restapi/v1.0/account/~/extension/~'

export interface DirectoryResult {
  readonly update: DirectoryUpdate
  /** Problems worth showing (a list that could not be read), never fatal. */
  readonly problems: readonly string[]
}

/** The account's extensions; without ReadAccounts the names come from the line list instead. */
async function extensions(
  deps: RestDeps
): Promise<{ entries: DirectoryEntry[]; problem?: string }> {
  const entries: DirectoryEntry[] = []
  let path: string | undefined = '/restapi/v1.0/account/~/extension?perPage=1000'
  for (let page = 0; path !== undefined && page < MAX_PAGES; page++) {
    const r: RestResult<t.TypeOf<typeof ExtensionPage>> = await getJson(deps, path, ExtensionPage)
    if (!r.ok) return { entries, problem: `extension names: ${r.message}` }
    for (const e of r.value.records) {
      entries.push({
        id: e.id,
        name: e.name ?? `Ext. ${e.extensionNumber ?? e.id}`,
        extensionNumber: e.extensionNumber ?? '',
        type: e.type ?? 'User'
      })
    }
    path = r.value.navigation?.nextPage?.uri
  }
  return { entries }
}

/** Every page of the line list; a failed page fails the whole list (a half list is not it). */
async function lineRecords(
  deps: RestDeps
): Promise<{ ok: true; records: LineRecord[] } | { ok: false; message: string }> {
  const records: LineRecord[] = []
  let path: string | undefined = `${BASE}/presence/line?perPage=1000`
  for (let page = 0; path !== undefined && page < MAX_PAGES; page++) {
    const r: RestResult<t.TypeOf<typeof LineList>> = await getJson(deps, path, LineList)
    if (!r.ok) return { ok: false, message: r.message }
    records.push(...r.value.records)
    path = r.value.navigation?.nextPage?.uri
  }
  return { ok: true, records }
}

/**
 * The monitored extensions in board order: the agent's own lines are left out (they are the
 * agent, not a colleague), and an extension on two lines appears once.
 */
export function monitoredOf(records: readonly LineRecord[], ownerId: string | undefined): string[] {
  const out: string[] = []
  for (const r of records) {
    const id = r.extension.id
    if (id !== ownerId && !out.includes(id)) out.push(id)
  }
  return out
}

export async function loadDirectory(deps: RestDeps): Promise<DirectoryResult> {
  const problems: string[] = []
  const [me, list, lines, favorites] = await Promise.all([
    getJson(deps, BASE, ExtensionInfo),
    extensions(deps),
    lineRecords(deps),
    getJson(deps, `${BASE}/favorite`, FavoriteList)
  ])
  if (list.problem) problems.push(list.problem)
  const byId = new Map(list.entries.map((e) => [e.id, e]))
  if (lines.ok) {
    for (const { extension: e } of lines.records) {
      if (!byId.has(e.id)) {
        byId.set(e.id, {
          id: e.id,
          name: e.name ?? `Ext. ${e.extensionNumber ?? e.id}`,
          extensionNumber: e.extensionNumber ?? '',
          type: e.type ?? 'User'
        })
      }
    }
  } else problems.push(`monitored lines: ${lines.message}`)
  if (!favorites.ok) problems.push(`favorites: ${favorites.message}`)
  if (!me.ok) problems.push(`your extension: ${me.message}`)
  const update: DirectoryUpdate = {
    ...(me.ok ? { ownerId: me.value.id } : {}),
    extensions: [...byId.values()],
    // Without our own id the own lines cannot be told apart; the reducer filters them again.
    ...(lines.ok ? { monitored: monitoredOf(lines.records, me.ok ? me.value.id : undefined) } : {}),
    ...(favorites.ok
      ? {
          favorites: favorites.value.records.flatMap((r) => (r.extensionId ? [r.extensionId] : []))
        }
      : {})
  }
  return { update, problems }
}
