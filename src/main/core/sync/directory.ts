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
const LineList = struct('LineList', {
  records: arrayOf(
    struct(
      'LineRecord',
      { id: Id },
      { extension: struct('LineExtension', { id: Id }, { extensionNumber: Str, name: Str }) }
    )
  )
})
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
  for (let page = 0; path !== undefined && page < 20; page++) {
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

export async function loadDirectory(deps: RestDeps): Promise<DirectoryResult> {
  const problems: string[] = []
  const [me, list, lines, favorites] = await Promise.all([
    getJson(deps, BASE, ExtensionInfo),
    extensions(deps),
    getJson(deps, `${BASE}/presence/line`, LineList),
    getJson(deps, `${BASE}/favorite`, FavoriteList)
  ])
  if (list.problem) problems.push(list.problem)
  const byId = new Map(list.entries.map((e) => [e.id, e]))
  if (lines.ok) {
    for (const r of lines.value.records) {
      if (!byId.has(r.id) && r.extension) {
        byId.set(r.id, {
          id: r.id,
          name: r.extension.name ?? `Ext. ${r.extension.extensionNumber ?? r.id}`,
          extensionNumber: r.extension.extensionNumber ?? '',
          type: 'User'
        })
      }
    }
  } else problems.push(`monitored lines: ${lines.message}`)
  if (!favorites.ok) problems.push(`favorites: ${favorites.message}`)
  if (!me.ok) problems.push(`your extension: ${me.message}`)
  const update: DirectoryUpdate = {
    ...(me.ok ? { ownerId: me.value.id } : {}),
    extensions: [...byId.values()],
    ...(lines.ok ? { monitored: lines.value.records.map((r) => r.id) } : {}),
    ...(favorites.ok
      ? {
          favorites: favorites.value.records.flatMap((r) => (r.extensionId ? [r.extensionId] : []))
        }
      : {})
  }
  return { update, problems }
}
