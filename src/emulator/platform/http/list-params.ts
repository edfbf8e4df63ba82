/**
 * The extension list's query parameters as the specification bounds them
 * (https://developers.ringcentral.com/api-reference/Extensions/listExtensions, docs/platform.md#extensions):
 * `page` and `perPage` are positive integers, `perPage` at most 1000; `type` and `status` are
 * enums. The platform answers a value outside them with 400 naming the parameter, where
 * `paginate` alone would quietly read it as the default.
 */
import { apiErrors } from '../errors'

/** `AllExtensionTypesEnum` of the spec. */
export const EXTENSION_TYPES: ReadonlySet<string> = new Set([
  'User',
  'Department',
  'Announcement',
  'Voicemail',
  'DigitalUser',
  'VirtualUser',
  'FaxUser',
  'PagingOnly',
  'SharedLinesGroup',
  'DelegatedLinesGroup',
  'GroupCallPickup',
  'IvrMenu',
  'ApplicationExtension',
  'ProxyAdmin',
  'RoomConnector',
  'ParkLocation',
  'Limited',
  'Bot',
  'Site',
  'Room',
  'FlexibleUser',
  'TieLine',
  'Unknown'
])

export const EXTENSION_STATUSES: ReadonlySet<string> = new Set([
  'Enabled',
  'Disabled',
  'Frozen',
  'NotActivated',
  'Unassigned'
])

export const MAX_PER_PAGE = 1000

function positiveInt(query: URLSearchParams, name: string, max: number): void {
  const raw = query.get(name)
  if (raw === null) return
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw apiErrors.invalidParameter(name, 'expected a positive integer')
  }
  if (Number(raw) > max) throw apiErrors.invalidParameter(name, `at most ${max}`)
}

function enumValues(query: URLSearchParams, name: string, allowed: ReadonlySet<string>): void {
  for (const value of query.getAll(name)) {
    if (!allowed.has(value)) throw apiErrors.invalidParameter(name, `unknown value [${value}]`)
  }
}

/** Throws 400 CMN-101 naming the first parameter out of the spec's bounds. */
export function checkExtensionListQuery(query: URLSearchParams): void {
  positiveInt(query, 'page', 100_000)
  positiveInt(query, 'perPage', MAX_PER_PAGE)
  enumValues(query, 'type', EXTENSION_TYPES)
  enumValues(query, 'status', EXTENSION_STATUSES)
}
