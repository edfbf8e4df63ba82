/**
 * The state heart of the core: a pure reducer over decoded notifications, REST snapshots and the
 * directory; derived views; the snapshot-plus-patches form the renderer consumes; and a thin store.
 */
export { reduce, initialState, DEFAULT_PERMISSIONS } from './reducer'
export { deriveViews, lineStatus, mayPickUpHeld } from './views'
export {
  applyPatches,
  diffViews,
  emptySnapshot,
  jsonEqual,
  sortView,
  VIEW_NAMES,
  VIEW_ORDER
} from '../../../shared/state/patches'
export type { ItemOf, StatePatch, StateSnapshot, ViewName } from '../../../shared/state/patches'
export { createStore, semanticEvents } from './store'
export type {
  RebaseMark,
  SemanticEvent,
  SemanticListener,
  StateListener,
  Store,
  StoreOptions
} from './store'
export * from './limits'
export type * from './types'
export type * from '../../../shared/state/view-types'
export { decodeRestPresence, decodeRestSession } from './snapshot-input'
export type { SnapshotDecode } from './snapshot-input'
