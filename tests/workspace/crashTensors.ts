import type { TensorRecord } from '../../src/shared/domain/learning'
import { mulberry32 } from '../../src/common/random'

/** Deterministic tensors for a seed, so the parent can check an artifact's content after a crash. */
export function crashTensors(seed: number): TensorRecord[] {
  const rand = mulberry32(seed)
  const size = 1000 + Math.floor(rand() * 20000)
  const a = new Float32Array(size)
  for (let i = 0; i < size; i++) a[i] = rand() * 2 - 1
  const b = new Float32Array(32)
  for (let i = 0; i < 32; i++) b[i] = seed + i
  return [
    { name: 'theta', shape: [size], data: a },
    { name: 'embedding', shape: [2, 16], data: b }
  ]
}
