/**
 * Diagnostics: a bounded log of received events with counters, and support bundles with secrets
 * removed and people and calls pseudonymised.
 */
export { RingBuffer } from './ring-buffer'
export { COUNTER_KEY_LIMIT, createEventLog, EVENT_LOG_CAPACITY, RAW_TEXT_LIMIT } from './event-log'
export type { EventCounters, EventLog, EventLogEntry, KindCount, RecordInput } from './event-log'
export { createFaultLog, FAULT_LOG_CAPACITY, FAULT_TEXT_LIMIT, thrownFacts } from './fault-log'
export type { FaultEntry, FaultKind, FaultLog, ThrownFacts } from './fault-log'
export { isSecretKey, redact, redactText, REDACTED } from './redact'
export type { RedactOptions } from './redact'
export { BUNDLE_FORMAT, supportBundle } from './support-bundle'
export { createPseudonyms } from './pseudonyms'
export type { PseudonymKind, Pseudonyms } from './pseudonyms'
export type { BundleMeta } from './support-bundle'
