/**
 * Two clocks, on purpose. Durations on screen ("ringing 0:12") use the monotonic clock, so a wall
 * clock jump (NTP, sleep, a user changing the time) cannot make a timer leap or run backwards
 * (docs/platform.md#clock-jumps). Countdowns to a `retryAt` that main computed use the wall
 * clock, because main and the renderer share one machine and `retryAt` is a wall time.
 */
export const monotonicNow = (): number => performance.now()
export const wallNow = (): number => Date.now()
