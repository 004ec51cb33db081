import * as tf from '@tensorflow/tfjs'

/**
 * Faster Slice and SplitV kernels for the wasm backend.
 *
 * Why: tfjs-backend-wasm 4.22's Slice reads its input with `backend.readSync`, which copies
 * the WHOLE input out of the wasm heap on every call; SplitV calls that Slice once per piece.
 * Cutting generated weights into the main net's tensors (and the hypernet's flat Θ into its
 * layers) then costs (number of pieces) × (whole vector) copies — measured 5.8 ms per
 * split + concat of a 118k-float Θ, more than the matMuls of a step. These replacements read
 * the input as a view of the heap (`typedArrayFromHeap`, taken after the output is allocated,
 * since allocation may grow and detach the heap) and copy only the selected elements.
 * Results are identical element by element.
 *
 * Identity: the wasm kernel copies its input, and the autodiff tape clones (= Identity) every
 * tensor it saves for the backward pass — about 120 copies per hypernet step, θ (118k floats)
 * among them. Tensors are immutable, so the replacement shares the data and counts a reference,
 * exactly as the backend's own Reshape does.
 *
 * GatherV2 (batchDims 0): the wasm kernel took 5.7–8.6 ms CPU for one 89,610-element gather along
 * axis 1 (the generated-weight layout map, engine/generatedLayout.ts, twice per step), a plain JS
 * copy through heap views a fraction of that. out[o, j, i] = x[o, idx[j], i] with o over the
 * axes before `axis` and i over those after it, copied in runs of the inner size.
 */

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array
  incRef(dataId: tf.DataId): void
}

function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1)
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1]
  return s
}

/** Copies x[begin : begin+size] (any rank) by innermost contiguous runs. */
function copySlice(
  xv: Float32Array | Int32Array | Uint8Array,
  xShape: number[],
  ov: Float32Array | Int32Array | Uint8Array,
  begin: number[],
  size: number[]
): void {
  const rank = xShape.length
  if (rank === 0) {
    ov[0] = xv[0]
    return
  }
  const xs = strides(xShape)
  // Merge trailing dimensions that are taken whole into one contiguous run.
  let inner = rank - 1
  let run = size[inner]
  while (inner > 0 && size[inner] === xShape[inner] && begin[inner] === 0) {
    inner--
    run *= size[inner]
  }
  const outer = size.slice(0, inner)
  const total = outer.reduce((a, b) => a * b, 1)
  const idx = new Array<number>(inner).fill(0)
  let o = 0
  for (let n = 0; n < total; n++) {
    let off = begin[inner] * xs[inner]
    for (let d = 0; d < inner; d++) off += (begin[d] + idx[d]) * xs[d]
    ov.set(xv.subarray(off, off + run), o)
    o += run
    for (let d = inner - 1; d >= 0; d--) {
      if (++idx[d] < outer[d]) break
      idx[d] = 0
    }
  }
}

function sliceImpl(backend: WasmBackendLike, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype)
  if (size.some((s) => s === 0)) return out
  const xv = backend.typedArrayFromHeap(x)
  const ov = backend.typedArrayFromHeap(out)
  copySlice(xv, x.shape, ov, begin, size)
  return out
}

/** Smallest dim each index tensor (by data id: tensor data is immutable) was found to fit; any larger dim fits too. */
const checkedIndices = new WeakMap<tf.DataId, number>()

function gatherImpl(backend: WasmBackendLike, x: tf.TensorInfo, indices: tf.TensorInfo, axis: number): tf.TensorInfo {
  const dim = x.shape[axis]
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1)
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1)
  const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype)
  const xv = backend.typedArrayFromHeap(x)
  const iv = backend.typedArrayFromHeap(indices)
  const ov = backend.typedArrayFromHeap(out)
  const n = iv.length
  // The layout map gathers with the same kept index tensor twice per step: check its range once.
  const checked = checkedIndices.get(indices.dataId)
  if (checked === undefined || dim < checked) {
    for (let j = 0; j < n; j++) {
      if (!(iv[j] >= 0 && iv[j] < dim)) throw new Error(`GatherV2: index ${iv[j]} is not in [0, ${dim - 1}]`)
    }
    checkedIndices.set(indices.dataId, dim)
  }
  let o = 0
  for (let a = 0; a < outer; a++) {
    const base = a * dim * inner
    if (inner === 1 && xv instanceof Float32Array && ov instanceof Float32Array && iv instanceof Int32Array) {
      gatherRowF32(ov, o, xv, base, iv)
      o += n
    } else if (inner === 1) {
      for (let j = 0; j < n; j++) ov[o++] = xv[base + iv[j]]
    } else {
      for (let j = 0; j < n; j++) {
        const from = base + iv[j] * inner
        ov.set(xv.subarray(from, from + inner), o)
        o += inner
      }
    }
  }
  return out
}

/**
 * ov[o + j] = xv[base + iv[j]] for float32 values: a function that only ever sees these array
 * kinds keeps V8's element access monomorphic (the shared loop above also serves int32 and bool
 * gathers and measured about a third slower on the layout map's 89,610 indices).
 */
function gatherRowF32(ov: Float32Array, o: number, xv: Float32Array, base: number, iv: Int32Array): void {
  const n = iv.length
  for (let j = 0; j < n; j++) ov[o + j] = xv[base + iv[j]]
}

let installed = false

/** Registers the replacements once per process (no-op for other backends' kernels). */
export function installWasmFastPaths(): void {
  // Only once the wasm backend has registered its own kernels (importing it later would
  // overwrite ours).
  if (installed || !tf.getKernel(tf.Slice, 'wasm')) return
  installed = true
  const replace = (config: tf.KernelConfig): void => {
    tf.unregisterKernel(config.kernelName, config.backendName)
    tf.registerKernel(config)
  }
  replace({
    kernelName: tf.Slice,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const x = (inputs as tf.SliceInputs).x as tf.TensorInfo
      const { begin, size } = attrs as unknown as tf.SliceAttrs
      const [b, s] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, begin, size)
      return sliceImpl(backend as unknown as WasmBackendLike, x, b, s)
    }
  })
  const wasmGather = tf.getKernel(tf.GatherV2, 'wasm')!.kernelFunc
  replace({
    kernelName: tf.GatherV2,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, indices } = args.inputs as tf.GatherV2Inputs
      const { axis, batchDims } = args.attrs as unknown as tf.GatherV2Attrs
      const xi = x as tf.TensorInfo
      if ((batchDims ?? 0) !== 0 || xi.dtype === 'string') return wasmGather(args)
      const ax = tf.util.parseAxisParam(axis, xi.shape)[0]
      return gatherImpl(args.backend as unknown as WasmBackendLike, xi, indices as tf.TensorInfo, ax)
    }
  })
  const copyIdentity = tf.getKernel(tf.Identity, 'wasm')!.kernelFunc
  replace({
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as tf.IdentityInputs).x as tf.TensorInfo
      if (x.dtype === 'string') return copyIdentity(args)
      ;(args.backend as unknown as WasmBackendLike).incRef(x.dataId)
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype }
    }
  })
  replace({
    kernelName: tf.SplitV,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const x = (inputs as tf.SplitVInputs).x as tf.TensorInfo
      const { numOrSizeSplits, axis } = attrs as unknown as tf.SplitVAttrs
      const ax = tf.util.parseAxisParam(axis, x.shape)[0]
      const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, ax)
      const begin = new Array<number>(x.shape.length).fill(0)
      return sizes.map((s) => {
        const size = [...x.shape]
        size[ax] = s
        const out = sliceImpl(backend as unknown as WasmBackendLike, x, [...begin], size)
        begin[ax] += s
        return out
      })
    }
  })
}
