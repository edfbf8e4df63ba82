/** The notification path from the socket to the views, as one named pipeline (pipeline.ts). */
export {
  createNotificationPipeline,
  type NotificationPipeline,
  type PipelineDeps
} from './pipeline'
export { publishOncePerTurn, ringGuard } from './publish'
export {
  decodeFrame,
  type DecodedFrame,
  type ListChange,
  listChangeOf,
  recordInLog,
  reduceIntoStore
} from './stages'
export {
  DEFAULT_GAP_GRACE_MS,
  GapTracker,
  presenceSequenceOf,
  type SequenceGapWatch,
  watchSequenceGaps
} from './gaps'
