import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'
import type { EngineConfig } from '../shared/domain/engineConfig'
import type { MainNetSpec } from './types'

/** Shapes of the main (target) networks: tfjs-free, so a host thread can size a net without loading tfjs. */
export interface ParamShape {
  name: string
  shape: number[]
}

export const CONV_KERNEL = 3

/** The spec of the generated net for a config and input shape (numClasses = head size). */
export function mainNetSpec(cfg: EngineConfig, inputShape: number[]): MainNetSpec {
  const spec: MainNetSpec = {
    kind: cfg.mainNet.kind,
    inputShape: [...inputShape],
    hidden: [...cfg.mainNet.hidden],
    activation: cfg.mainNet.activation,
    numClasses: cfg.mainNet.headSize
  }
  if (cfg.mainNet.kind === 'cnn') spec.conv = { filters: [...cfg.mainNet.convFilters], kernel: CONV_KERNEL }
  return spec
}

/** Image geometry of a CNN input: [H, W, C], or a flat square of side √n with one channel. */
export function imageShape(inputShape: number[]): [number, number, number] {
  if (inputShape.length === 3) return [inputShape[0], inputShape[1], inputShape[2]]
  if (inputShape.length === 2) return [inputShape[0], inputShape[1], 1]
  const n = inputShape[0]
  const side = Math.round(Math.sqrt(n))
  if (inputShape.length === 1 && side * side === n) return [side, side, 1]
  throw new KeizokuError(
    'invalid_argument',
    `The CNN main net needs image inputs, but the input shape is [${inputShape.join(', ')}].`,
    {
      hint: 'Use mainNet.kind "mlp" for tabular or sensor data, or give images as [H, W, C] (or a flat square such as [784]).',
      say: say('engine.cnn_needs_images', { shape: inputShape.join(', ') })
    }
  )
}

export function inputSize(inputShape: number[]): number {
  return inputShape.reduce((a, b) => a * b, 1)
}

export function paramShapes(spec: MainNetSpec): ParamShape[] {
  const out: ParamShape[] = []
  let width: number
  if (spec.kind === 'cnn') {
    const [h, w, c] = imageShape(spec.inputShape)
    const filters = spec.conv?.filters ?? [16, 32]
    const k = spec.conv?.kernel ?? CONV_KERNEL
    let cin = c
    let hh = h
    let ww = w
    filters.forEach((f, i) => {
      out.push({ name: `conv_${i}/kernel`, shape: [k, k, cin, f] }, { name: `conv_${i}/bias`, shape: [f] })
      cin = f
      hh = Math.floor(hh / 2)
      ww = Math.floor(ww / 2)
    })
    width = hh * ww * cin
  } else {
    width = inputSize(spec.inputShape)
  }
  spec.hidden.forEach((u, i) => {
    out.push({ name: `dense_${i}/kernel`, shape: [width, u] }, { name: `dense_${i}/bias`, shape: [u] })
    width = u
  })
  out.push({ name: 'head/kernel', shape: [width, spec.numClasses] }, { name: 'head/bias', shape: [spec.numClasses] })
  return out
}

export function shapeSize(s: number[]): number {
  return s.reduce((a, b) => a * b, 1)
}

export function countParams(shapes: ParamShape[]): number {
  return shapes.reduce((a, s) => a + shapeSize(s.shape), 0)
}
