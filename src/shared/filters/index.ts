/**
 * Event filters: the typed model of the RingCentral subscription filters Ringside uses, their
 * canonical strings, and the classifier for incoming notification `event` paths. Pure: runs in main
 * and in the renderer (no Node or Electron imports).
 */
export * from './model'
export { buildFilter } from './build'
export { parseFilter, validateFilter } from './parse'
export { normaliseFilters } from './normalise'
export { parseEventPath } from './event-path'
export type {
  AccountPresenceEventPath,
  EventPath,
  EventPathError,
  EventPathResult,
  EventResource,
  ListEventPath,
  PresenceEventPath,
  TelephonySessionsEventPath
} from './event-path'
export { API_PREFIX } from './path'
