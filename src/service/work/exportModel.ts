import * as tf from '@tensorflow/tfjs'
import { restoreLearner } from '../../engine/learner'
import { imageShape, inputSize } from '../../engine/mainnet'
import type { MainNetSpec } from '../../engine/types'
import type { TensorRecord } from '../../shared/domain/learning'
import type { ExportPayload } from '../workerProtocol'

export interface ExportedModel {
  modelJson: string
  weights: Uint8Array
  spec: MainNetSpec
  /** Holdout accuracy of the rebuilt Layers model (null without a holdout). */
  holdoutAccuracy: number | null
  /** Holdout accuracy of the same task inside Keizoku, for comparison. */
  engineAccuracy: number | null
}

/**
 * Rebuilds a learned task's generated main network as a plain tf.js Layers model, so it runs
 * with `tf.loadLayersModel` anywhere without Keizoku. The head keeps only the task's classes and
 * ends in a softmax: outputs are class probabilities in the order of the task's class names.
 */
export function buildLayersModel(spec: MainNetSpec, tensors: TensorRecord[]): tf.Sequential {
  const model = tf.sequential()
  const act = spec.activation
  let first = true
  const input = (): { inputShape?: number[] } => {
    if (!first) return {}
    first = false
    return { inputShape: [inputSize(spec.inputShape)] }
  }
  if (spec.kind === 'cnn') {
    model.add(tf.layers.reshape({ ...input(), targetShape: imageShape(spec.inputShape) }))
    for (const f of spec.conv?.filters ?? []) {
      model.add(tf.layers.conv2d({ filters: f, kernelSize: spec.conv?.kernel ?? 3, padding: 'same', activation: act }))
      model.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid' }))
    }
    model.add(tf.layers.flatten())
  }
  for (const units of spec.hidden) model.add(tf.layers.dense({ ...input(), units, activation: act }))
  model.add(tf.layers.dense({ ...input(), units: spec.numClasses, activation: 'softmax' }))
  const values = tensors.map((t) => tf.tensor(t.data, t.shape))
  model.setWeights(values)
  tf.dispose(values)
  return model
}

export function accuracyOf(model: tf.LayersModel, x: Float32Array, y: Int32Array, n: number, d: number): number {
  return tf.tidy(() => {
    const pred = model.predict(tf.tensor2d(x, [n, d])) as tf.Tensor
    const arg = tf.argMax(pred, 1).dataSync()
    let correct = 0
    for (let i = 0; i < n; i++) if (arg[i] === y[i]) correct++
    return correct / n
  })
}

export async function exportInWorker(p: ExportPayload): Promise<ExportedModel> {
  const learner = restoreLearner(p.snapshot)
  try {
    const { spec, tensors } = learner.mainNetwork(p.taskIndex)
    const model = buildLayersModel(spec, tensors)
    const d = inputSize(spec.inputShape)
    const holdoutAccuracy = p.holdout.n > 0 ? accuracyOf(model, p.holdout.x, p.holdout.y, p.holdout.n, d) : null
    const engineAccuracy = p.holdout.n > 0 ? learner.evaluate(p.taskIndex, p.holdout) : null
    let artifacts: tf.io.ModelArtifacts | undefined
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
      })
    )
    model.dispose()
    if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('tf.js produced no weights for the model')
    const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData)
    const modelJson = JSON.stringify({
      format: 'layers-model',
      generatedBy: `Keizoku (TensorFlow.js ${tf.version.tfjs})`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }]
    })
    return { modelJson, weights: new Uint8Array(weightData), spec, holdoutAccuracy, engineAccuracy }
  } finally {
    learner.dispose()
  }
}
