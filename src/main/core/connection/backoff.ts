import type { BackoffOptions } from '../../../shared/util/backoff'

/**
 * The WebSocket reconnect schedule (the formula is the shared full-jitter `backoffDelay`).
 *
 * Why jitter at all: `@rc-ex/ws` retries on a fixed 2–8 s ladder, so after a platform blip a whole
 * call centre would reconnect in the same second. With an 8 s base the first retries of a fleet
 * spread over 8 s.
 *
 * Why a 1 s floor: full jitter can draw a delay near 0, and a dead gateway must never see a tight
 * loop; one retry a second at worst. It is base/8 on purpose: the draws below the floor all land
 * on it, so the floor's one-second bucket holds an eighth of the fleet's first retries plus the
 * eighth that lands there anyway (a quarter), no more than an unlucky bucket did under the old
 * equal jitter. A higher floor (the old c/2 guarantee, 4 s) would stack half the fleet on it.
 *
 * Why a 30 s cap: an agent with calls ringing cannot wait two minutes for the next try, and the
 * countdown on screen must stay short enough to be worth watching. At the cap, full jitter makes
 * one attempt per 15 s on average (about 42 in a ten-minute outage). That is cheap for the
 * platform: an attempt inside the ws token's life reuses the cached token, so it costs one socket
 * and no Auth-group request (docs/platform.md#wstoken-storms).
 */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 8_000, capMs: 30_000, floorMs: 1_000 }
