/**
 * The size an image file declares in its header, read without decoding a pixel, so a tiny
 * file that claims to be 30000 × 30000 (a decompression bomb: gigabytes once decoded) is refused
 * before any decoder allocates for it.
 */

/** Largest image read: 4096 × 4096 pixels (16.8 MP); images are resized to ≤ 1024² anyway. */
export const MAX_IMAGE_PIXELS = 4096 * 4096

/** PNG: IHDR is the first chunk; width and height are its first two big-endian uint32. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24) return null
  const ihdr = String.fromCharCode(b[12], b[13], b[14], b[15])
  if (ihdr !== 'IHDR') return null
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  return { width: v.getUint32(16, false), height: v.getUint32(20, false) }
}

/**
 * JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT 0xC4,
 * JPG 0xC8, DAC 0xCC); its payload is precision (1 byte), height, width (uint16 each).
 */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1]
    if (marker === 0xff) {
      i++ // fill byte
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2 // markers without a length
      continue
    }
    const len = (b[i + 2] << 8) | b[i + 3]
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 8 >= b.length) return null
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] }
    }
    if (marker === 0xda || len < 2) return null // image data before any frame header
    i += 2 + len
  }
  return null
}

/** Declared width and height, or null when the header cannot be read (the decoder then reports it). */
export function declaredSize(bytes: Uint8Array, kind: 'png' | 'jpeg'): { width: number; height: number } | null {
  return kind === 'png' ? pngSize(bytes) : jpegSize(bytes)
}
