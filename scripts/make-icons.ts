/**
 * Draws Keizoku's application icon and writes every format electron-builder needs:
 *   build/icon.png (1024×1024), build/icons/<n>x<n>.png (Linux), build/icon.ico (Windows,
 *   PNG entries 16–256), build/icon.icns (macOS, PNG entries 16–1024).
 * Run: node --import tsx scripts/make-icons.ts
 *
 * The mark: a chain of task nodes rising left to right, joined by links, the last one an open
 * ring (the task being learned next), with a fading trail of dots after it (継続, continuation).
 * Every pixel is drawn from signed distance functions, so each size is rendered natively with
 * one pixel of anti-aliasing instead of being scaled down from the large image.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'

type RGB = [number, number, number]
interface Layer {
  /** Signed distance in icon units (the icon is the unit square); negative inside. */
  sdf(x: number, y: number): number
  color(x: number, y: number): RGB
  alpha: number
}

const hex = (h: string): RGB => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]
const mix = (a: RGB, b: RGB, t: number): RGB => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t
]
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v))

/** Rounded square centred in the unit square: half size h, corner radius r. */
function roundedSquare(h: number, r: number) {
  return (x: number, y: number): number => {
    const qx = Math.abs(x - 0.5) - h + r
    const qy = Math.abs(y - 0.5) - h + r
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }
}
const circle = (cx: number, cy: number, r: number) => (x: number, y: number) => Math.hypot(x - cx, y - cy) - r
const ring = (cx: number, cy: number, r: number, w: number) => (x: number, y: number) =>
  Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2
/** Capsule: the segment a→b thickened to radius r. */
function capsule(ax: number, ay: number, bx: number, by: number, r: number) {
  return (x: number, y: number): number => {
    const px = x - ax
    const py = y - ay
    const dx = bx - ax
    const dy = by - ay
    const t = clamp01((px * dx + py * dy) / (dx * dx + dy * dy))
    return Math.hypot(px - dx * t, py - dy * t) - r
  }
}

const NODES: Array<[number, number]> = [
  [0.2, 0.68],
  [0.37, 0.53],
  [0.55, 0.58],
  [0.7, 0.4]
]
const NODE_COLORS = ['#2ec4b6', '#3fa7d6', '#8ac926', '#f6ae2d'].map(hex)
const NODE_R = 0.072
const LINK_R = 0.022

function layers(): Layer[] {
  const bgTop = hex('#27407a')
  const bgBottom = hex('#121c36')
  const out: Layer[] = [
    { sdf: roundedSquare(0.46, 0.2), color: (_x, y) => mix(bgTop, bgBottom, clamp01((y - 0.04) / 0.92)), alpha: 1 }
  ]
  const white = hex('#f4f6fb')
  for (let i = 0; i + 1 < NODES.length; i++) {
    const [a, b] = [NODES[i], NODES[i + 1]]
    // The link into the last node stops at its ring instead of running into the hole.
    const len = Math.hypot(b[0] - a[0], b[1] - a[1])
    const stop = i + 2 === NODES.length ? NODE_R / len : 0
    const ex = b[0] - (b[0] - a[0]) * stop
    const ey = b[1] - (b[1] - a[1]) * stop
    out.push({ sdf: capsule(a[0], a[1], ex, ey, LINK_R), color: () => white, alpha: 0.9 })
  }
  NODES.forEach(([cx, cy], i) => {
    const last = i === NODES.length - 1
    out.push(
      last
        ? { sdf: ring(cx, cy, NODE_R - 0.012, 0.03), color: () => NODE_COLORS[i], alpha: 1 }
        : { sdf: circle(cx, cy, NODE_R), color: () => NODE_COLORS[i], alpha: 1 }
    )
  })
  // The trail: three dots continuing the chain's direction, shrinking and fading.
  const [lx, ly] = NODES[NODES.length - 1]
  for (let k = 1; k <= 3; k++) {
    out.push({
      sdf: circle(lx + 0.055 * k + 0.035, ly - 0.045 * k - 0.025, 0.026 - 0.005 * k),
      color: () => white,
      alpha: 0.8 - 0.18 * k
    })
  }
  return out
}

/** Renders the icon at n×n pixels (RGBA, straight alpha). */
export function renderIcon(n: number): PNG {
  const png = new PNG({ width: n, height: n })
  const ls = layers()
  const aa = 1 / n
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      const x = (px + 0.5) / n
      const y = (py + 0.5) / n
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (const l of ls) {
        const cover = clamp01(0.5 - l.sdf(x, y) / aa) * l.alpha
        if (cover <= 0) continue
        const c = l.color(x, y)
        // "over" compositing with premultiplied accumulators
        r = c[0] * cover + r * (1 - cover)
        g = c[1] * cover + g * (1 - cover)
        b = c[2] * cover + b * (1 - cover)
        a = cover + a * (1 - cover)
      }
      const i = (py * n + px) * 4
      png.data[i] = a > 0 ? Math.round(r / a) : 0
      png.data[i + 1] = a > 0 ? Math.round(g / a) : 0
      png.data[i + 2] = a > 0 ? Math.round(b / a) : 0
      png.data[i + 3] = Math.round(a * 255)
    }
  }
  return png
}

const pngBytes = (n: number): Buffer => PNG.sync.write(renderIcon(n))

/** ICO with PNG-compressed entries (Windows Vista and later; 256 is stored as 0 in the directory). */
export function ico(sizes: number[]): Buffer {
  const images = sizes.map(pngBytes)
  const header = Buffer.alloc(6 + 16 * sizes.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(sizes.length, 4)
  let offset = header.length
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i
    header.writeUInt8(s >= 256 ? 0 : s, e)
    header.writeUInt8(s >= 256 ? 0 : s, e + 1)
    header.writeUInt8(0, e + 2)
    header.writeUInt8(0, e + 3)
    header.writeUInt16LE(1, e + 4)
    header.writeUInt16LE(32, e + 6)
    header.writeUInt32LE(images[i].length, e + 8)
    header.writeUInt32LE(offset, e + 12)
    offset += images[i].length
  })
  return Buffer.concat([header, ...images])
}

/** ICNS with PNG entries; OSType codes per Apple's icns layout. */
export function icns(): Buffer {
  const entries: Array<[string, number]> = [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['icp6', 64],
    ['ic12', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic13', 256],
    ['ic09', 512],
    ['ic14', 512],
    ['ic10', 1024]
  ]
  const cache = new Map<number, Buffer>()
  const chunks = entries.map(([type, size]) => {
    if (!cache.has(size)) cache.set(size, pngBytes(size))
    const data = cache.get(size) as Buffer
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const body = Buffer.concat(chunks)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

function main(): void {
  const root = join(__dirname, '..')
  const build = join(root, 'build')
  mkdirSync(join(build, 'icons'), { recursive: true })
  writeFileSync(join(build, 'icon.png'), pngBytes(1024))
  for (const s of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(build, 'icons', `${s}x${s}.png`), pngBytes(s))
  writeFileSync(join(build, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]))
  writeFileSync(join(build, 'icon.icns'), icns())
  console.log('Wrote build/icon.png, build/icons/*.png, build/icon.ico, build/icon.icns')
}

if (process.argv[1] && /make-icons\.ts$/.test(process.argv[1])) main()
