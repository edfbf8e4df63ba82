/**
 * Variety: the oddities real RingCentral bodies carry that a tidy emulator would never send
 * (docs/emulator.md "Variety", docs/platform.md#real-payloads). Each kind is applied to a low,
 * seeded share of the bodies, calls or presence changes, so the demo and every test see them.
 *
 * Whether a kind applies is a pure function of (seed, kind, key): it draws from its own stream,
 * never from the engine's, so turning variety on or off leaves every id, tag and answer the
 * engine invents unchanged, and the same scenario gives the same calls with and without it.
 */
import { firstDraw } from './random'

export const VARIETY_KINDS = [
  /** `accountId`, `extensionId`, `deviceId`, legacy `sessionId` as JSON numbers. */
  'numericIds',
  /** `eventTime`/`startTime` as `…+0000` instead of `…Z`. */
  'offsetTimestamps',
  /** A presence `sequence` that skips numbers. */
  'sequenceGaps',
  /** Presence `sipData.remoteUri`/`localUri` of `"-"`. */
  'placeholderUris',
  /** `status.mobilePickupData` on an answered agent leg. */
  'mobilePickupData',
  /** `totalActiveCalls` counting the ended entries the body lists too. */
  'countEndedCalls',
  /** An outbound ringing call's presence `id` is its SIP Call-ID. */
  'outboundRingingCallId'
] as const

export type VarietyKind = (typeof VARIETY_KINDS)[number]
export type VarietyRates = Readonly<Record<VarietyKind, number>>
/** One rate for every kind, or a rate per kind (the others keep the default). */
export type VarietyOption = number | Partial<VarietyRates>

/**
 * Low enough that most bodies are tidy and a test's own story is readable, high enough that a
 * few minutes of demo traffic or one test with a dozen calls meets every kind.
 */
export const DEFAULT_VARIETY_RATE = 0.05

const isRate = (n: unknown): n is number => typeof n === 'number' && n >= 0 && n <= 1

/** The rates an option means; throws on a rate outside [0, 1] so a typo is not silently off. */
export function varietyRates(option: VarietyOption | undefined): VarietyRates {
  const base = typeof option === 'number' ? option : DEFAULT_VARIETY_RATE
  const given: Partial<VarietyRates> = typeof option === 'object' ? option : {}
  const out = {} as Record<VarietyKind, number>
  for (const kind of VARIETY_KINDS) {
    const rate = given[kind] ?? base
    if (!isRate(rate)) throw new Error(`variety rate for ${kind} must be in [0, 1], got ${rate}`)
    out[kind] = rate
  }
  for (const key of Object.keys(given)) {
    if (!(VARIETY_KINDS as readonly string[]).includes(key)) {
      throw new Error(`unknown variety kind ${key} (known: ${VARIETY_KINDS.join(', ')})`)
    }
  }
  return out
}

export interface Variety {
  readonly rates: VarietyRates
  /** Whether `kind` applies to the thing `key` names; the same answer every time it is asked. */
  applies(kind: VarietyKind, key: string): boolean
  /** A whole number in [min, max] for `key`, from the same private stream. */
  int(kind: VarietyKind, key: string, min: number, max: number): number
}

export function createVariety(seed: number | string, option?: VarietyOption): Variety {
  const rates = varietyRates(option)
  const draw = (kind: VarietyKind, key: string): number =>
    firstDraw(`variety:${String(seed)}:${kind}:${key}`)
  return {
    rates,
    applies: (kind, key) => {
      const rate = rates[kind]
      return rate >= 1 || (rate > 0 && draw(kind, key) < rate)
    },
    int: (kind, key, min, max) =>
      min +
      Math.floor(firstDraw(`variety-int:${String(seed)}:${kind}:${key}`) * (max - min + 1))
  }
}

/** No variety at all: exact, tidy bodies (tests that compare whole bodies). */
export const NO_VARIETY: Variety = createVariety(0, 0)

/** `2026-12-01T14:50:31.123Z` → `2026-12-01T14:50:31.123+0000`, as some real bodies send it. */
export const offsetTimestamp = (iso: string): string =>
  iso.endsWith('Z') ? `${iso.slice(0, -1)}+0000` : iso

const DECIMAL = /^[1-9]\d{0,15}$/

/** A decimal id string as the JSON number some real bodies send; anything else unchanged. */
export function numericId(id: unknown): unknown {
  if (typeof id !== 'string' || !DECIMAL.test(id)) return id
  const n = Number(id)
  return Number.isSafeInteger(n) ? n : id
}
