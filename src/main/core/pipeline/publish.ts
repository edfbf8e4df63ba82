/**
 * The publish stage: the store derives the views from the reduced state, diffs them against the
 * last view snapshot into patches and semantic events, and hands those to its subscribers (its
 * `publish`, in state/store.ts). `publishOncePerTurn` is when: once per I/O turn rather than once
 * per notification. Under a burst that is the difference between keeping up and falling seconds
 * behind (npm run bench:ui at 500 events/s).
 */
export const publishOncePerTurn = (publish: () => void): void => void setImmediate(publish)
