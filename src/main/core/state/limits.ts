/**
 * Every bound on the core's memory, in one place. The heap stays flat however long the app runs
 * (bench/core.bench.ts feeds a million events): each table below is capped, and each cap is
 * enforced by generations (generations.ts) or batch eviction, so the per-event cost stays O(1)
 * amortised.
 */

/**
 * Envelope uuids remembered for duplicate suppression. At least the last DEDUPE_WINDOW distinct
 * uuids are always remembered (docs/platform.md#ordering-and-duplicates asks for ≥ 10k); at most
 * DEDUPE_CAPACITY are held.
 */
export const DEDUPE_WINDOW = 10_000
export const DEDUPE_CAPACITY = 2 * DEDUPE_WINDOW

/**
 * Ended sessions stay in the table, hidden, for the last ENDED_WINDOW endings (at most twice that),
 * so a late event for one of their parties still merges in instead of resurrecting a phantom.
 */
export const ENDED_WINDOW = 256

/** Removed sessions whose later, stale events are still recognised as stale. */
export const TOMBSTONE_WINDOW = 4_096

/**
 * Most sessions (live + ended) held at once. A session whose end was never delivered would
 * otherwise live forever; past the cap the least recently updated quarter is evicted in one batch.
 */
export const SESSION_CAPACITY = 5_000
export const SESSION_EVICTION_BATCH = SESSION_CAPACITY / 4

/**
 * Actions remembered while a resync is in flight, to replay on top of its readback. Past this a
 * resync is abandoned and retried: it was slower than the traffic, and replaying more than the
 * dedupe window could let a duplicate through.
 */
export const REBASE_CAPACITY = DEDUPE_WINDOW
