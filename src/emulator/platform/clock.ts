import { createHash, randomBytes } from 'node:crypto'

/**
 * Time seam. Every expiry decision (tokens, codes, rate windows, WSG recovery windows) reads
 * `now()` so a test can drive the platform with a fake clock. Socket timers (idle/absolute
 * timeouts) still use real `setTimeout`, which is what the real client observes anyway.
 */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: (): number => Date.now() }

/** Randomness seam: ids and tokens come from here, so a seeded run is replayable. */
export interface RandomSource {
  bytes(length: number): Buffer
}

export const cryptoRandom: RandomSource = { bytes: (length: number): Buffer => randomBytes(length) }

/**
 * Deterministic source for replayable runs. It chains SHA-256 over (seed, counter); this is not
 * meant to be unguessable, only stable, so never use a seeded platform outside tests.
 */
export function seededRandom(seed: number | string): RandomSource {
  let counter = 0
  return {
    bytes(length: number): Buffer {
      const chunks: Buffer[] = []
      let total = 0
      while (total < length) {
        const chunk = createHash('sha256').update(`${seed}:${counter++}`).digest()
        chunks.push(chunk)
        total += chunk.length
      }
      return Buffer.concat(chunks).subarray(0, length)
    }
  }
}

/** Id and token factory over a random source. */
export class Ids {
  constructor(private readonly random: RandomSource) {}

  /** RFC 4122 v4-shaped uuid (real WSG notification uuids and subscription ids look like this). */
  uuid(): string {
    const b = this.random.bytes(16)
    b[6] = (b[6]! & 0x0f) | 0x40
    b[8] = (b[8]! & 0x3f) | 0x80
    const h = b.toString('hex')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }

  /** Opaque token: a recognisable prefix (so a wrong kind of token is "unparsable") + base64url. */
  token(prefix: string, byteLength = 32): string {
    return `${prefix}${this.random.bytes(byteLength).toString('base64url')}`
  }

  /** Decimal id such as a session id or endpoint id. */
  digits(length: number): string {
    const b = this.random.bytes(length)
    let out = ''
    for (const byte of b) out += String(byte % 10)
    return out.replace(/^0/, '1')
  }
}
