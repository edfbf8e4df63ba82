// Draws the tray icon variants into resources/tray/ (committed; run again after changing a
// shape): one per tray state, at 16 and 32 px, coloured for Windows and Linux, black-and-alpha
// "Template" images for macOS (the menu bar tints them), and one .ico per state for Windows with
// both sizes inside. Pure Node (zlib), so it runs anywhere the project installs.
import { mkdirSync, writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const OUT = 'resources/tray'

/** Each state's colour and mark; the shape alone tells them apart in the monochrome template. */
const STATES = {
  'signed-out': { color: [120, 120, 120], mark: 'ring' },
  idle: { color: [22, 130, 60], mark: 'dot' },
  ringing: { color: [214, 110, 0], mark: 'waves' },
  held: { color: [30, 90, 200], mark: 'pause' },
  'phone-unregistered': { color: [190, 40, 40], mark: 'slash' },
  offline: { color: [120, 120, 120], mark: 'cross' }
}

/** Coverage (0..1) of the mark at a point in the unit square, centre (0.5, 0.5). */
function coverage(mark, x, y) {
  const dx = x - 0.5
  const dy = y - 0.5
  const r = Math.hypot(dx, dy)
  const disc = r < 0.34
  const ring = r < 0.4 && r > 0.28
  switch (mark) {
    case 'ring':
      return ring
    case 'dot':
      return disc
    case 'waves':
      return r < 0.22 || (r > 0.32 && r < 0.42 && Math.abs(dy) < 0.3)
    case 'pause':
      return disc && !(Math.abs(dx) < 0.05 || Math.abs(dy) > 0.16 || Math.abs(dx) > 0.15)
    case 'slash':
      return (ring || Math.abs(dx + dy) < 0.06) && r < 0.4
    case 'cross':
      return (Math.abs(dx - dy) < 0.07 || Math.abs(dx + dy) < 0.07) && r < 0.38
    default:
      throw new Error(`unknown mark ${mark}`)
  }
}

function render(size, mark, rgb) {
  const pixels = Buffer.alloc(size * size * 4)
  const samples = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hit = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size
          const y = (py + (sy + 0.5) / samples) / size
          if (coverage(mark, x, y)) hit++
        }
      }
      const i = (py * size + px) * 4
      pixels[i] = rgb[0]
      pixels[i + 1] = rgb[1]
      pixels[i + 2] = rgb[2]
      pixels[i + 3] = Math.round((255 * hit) / (samples * samples))
    }
  }
  return png(size, pixels)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
function png(size, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8)
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** An .ico holding PNG images (valid since Windows Vista). */
export function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length)
  head.writeUInt16LE(0, 0)
  head.writeUInt16LE(1, 2)
  head.writeUInt16LE(images.length, 4)
  let offset = head.length
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i
    head[e] = size >= 256 ? 0 : size
    head[e + 1] = size >= 256 ? 0 : size
    head.writeUInt16LE(1, e + 4)
    head.writeUInt16LE(32, e + 6)
    head.writeUInt32LE(data.length, e + 8)
    head.writeUInt32LE(offset, e + 12)
    offset += data.length
  })
  return Buffer.concat([head, ...images.map((image) => image.data)])
}

mkdirSync(OUT, { recursive: true })
for (const [state, { color, mark }] of Object.entries(STATES)) {
  const x1 = render(16, mark, color)
  const x2 = render(32, mark, color)
  writeFileSync(`${OUT}/${state}.png`, x1)
  writeFileSync(`${OUT}/${state}@2x.png`, x2)
  writeFileSync(`${OUT}/${state}Template.png`, render(16, mark, [0, 0, 0]))
  writeFileSync(`${OUT}/${state}Template@2x.png`, render(32, mark, [0, 0, 0]))
  writeFileSync(
    `${OUT}/${state}.ico`,
    ico([
      { size: 16, data: x1 },
      { size: 32, data: x2 }
    ])
  )
}
console.log(`tray icons for ${Object.keys(STATES).length} states in ${OUT}/`)
