/**
 * The state heart of the core: a pure reducer over decoded notifications, REST readbacks and the
 * directory; derived views; the view snapshot-plus-patches form the renderer consumes; and a thin
 * store.
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
export { decodeRestPresence, decodeRestSession } from './readback-input'
export type { ReadbackDecode } from './readback-input'
export { clearAccountState, ownDndStatus, ownerIdOf } from './account'
export { hiddenLinesOf } from './hidden'
