/**
 * Spec paging for list endpoints (`{records, paging, navigation}`, docs/platform.md#extensions):
 * `page` and `perPage` from the query (defaults 1 and 100, `perPage` at most 1000, a page past the
 * end reads as the last one), the `paging` block and the `navigation` links. One implementation
 * serves the platform's own extension list and the call centre's lists, so they page alike.
 */
export interface Page<T> {
  readonly records: T[]
  readonly paging: Record<string, number>
  readonly navigation: Record<string, { uri: string }>
}

/** `uriFor(page, perPage)` builds a page's URI for the navigation links. */
export function paginate<T>(
  all: ReadonlyArray<T>,
  query: URLSearchParams,
  uriFor: (page: number, perPage: number) => string
): Page<T> {
  const int = (raw: string | null, fallback: number, max: number): number => {
    const n = raw === null ? Number.NaN : Number.parseInt(raw, 10)
    return Number.isNaN(n) ? fallback : Math.min(max, Math.max(1, n))
  }
  const perPage = int(query.get('perPage'), 100, 1000)
  const totalPages = Math.max(1, Math.ceil(all.length / perPage))
  const page = Math.min(int(query.get('page'), 1, 100000), totalPages)
  const records = all.slice((page - 1) * perPage, page * perPage)
  const nav: Record<string, { uri: string }> = {
    firstPage: { uri: uriFor(1, perPage) },
    lastPage: { uri: uriFor(totalPages, perPage) }
  }
  if (page > 1) nav['previousPage'] = { uri: uriFor(page - 1, perPage) }
  if (page < totalPages) nav['nextPage'] = { uri: uriFor(page + 1, perPage) }
  return {
    records,
    paging: {
      page,
      totalPages,
      perPage,
      totalElements: all.length,
      pageStart: (page - 1) * perPage,
      pageEnd: Math.max(0, (page - 1) * perPage + records.length - 1)
    },
    navigation: nav
  }
}
