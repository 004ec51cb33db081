import type { LabelledSet } from '../shared/dataset'
import { KeizokuError } from '../shared/errors'
import { decodeTensorFile, encodeTensorFile } from './tensorFile'

/** A LabelledSet as a tensor file: x float32 [n, …inputShape], y int32 [n], meta { numClasses, inputShape }. */
export function encodeLabelledSet(set: LabelledSet): Uint8Array {
  return encodeTensorFile(
    [
      { name: 'x', shape: [set.n, ...set.inputShape], data: set.x },
      { name: 'y', shape: [set.n], data: set.y }
    ],
    { kind: 'labelled-set', numClasses: set.numClasses, inputShape: set.inputShape }
  )
}

export function decodeLabelledSet(bytes: Uint8Array): LabelledSet {
  const { records, meta } = decodeTensorFile(bytes)
  const x = records.find((r) => r.name === 'x')
  const y = records.find((r) => r.name === 'y')
  if (
    meta.kind !== 'labelled-set' ||
    !x ||
    !y ||
    !(x.data instanceof Float32Array) ||
    !(y.data instanceof Int32Array)
  ) {
    throw new KeizokuError('corrupt', 'A dataset artifact does not hold a labelled set (x float32, y int32).')
  }
  return {
    x: x.data,
    y: y.data,
    n: y.data.length,
    inputShape: (meta.inputShape as number[]) ?? x.shape.slice(1),
    numClasses: Number(meta.numClasses)
  }
}

export function emptySet(inputShape: number[], numClasses: number): LabelledSet {
  return { x: new Float32Array(0), y: new Int32Array(0), n: 0, inputShape: [...inputShape], numClasses }
}
