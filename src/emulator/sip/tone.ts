/**
 * A 440 Hz tone as G.711 µ-law (PCMU, RTP payload type 0, 8 kHz): every browser's WebRTC stack
 * decodes it, and encoding it needs no codec library, so the far end of an emulated call really
 * carries audio (docs/emulator.md "Media").
 */
export const SAMPLE_RATE = 8000
export const FRAME_MS = 20
export const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000

const BIAS = 0x84
const CLIP = 32635

/** ITU-T G.711 µ-law encoding of one 16-bit linear sample. */
export function muLaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0
  let magnitude = Math.min(Math.abs(Math.round(sample)), CLIP) + BIAS
  let exponent = 7
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f
  magnitude = sign | (exponent << 4) | mantissa
  return ~magnitude & 0xff
}

/** One second of the tone, cut into 20 ms frames (440 Hz divides a second evenly: it loops). */
export function toneFrames(frequency = 440, amplitude = 8000): Buffer[] {
  const frames: Buffer[] = []
  for (let f = 0; f < 1000 / FRAME_MS; f++) {
    const frame = Buffer.alloc(SAMPLES_PER_FRAME)
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      const n = f * SAMPLES_PER_FRAME + i
      frame[i] = muLaw(amplitude * Math.sin((2 * Math.PI * frequency * n) / SAMPLE_RATE))
    }
    frames.push(frame)
  }
  return frames
}
