import * as tf from '@tensorflow/tfjs'
import type { LabelledSet, TaskData } from '../shared/dataset'
import { KeizokuError } from '../shared/errors'
import type { BackendName } from '../shared/types'
import { Adam, type AdamHyper } from './adam'
import { BatchSampler, gatherRows } from './batches'
import { resolveConfig, type EngineConfig, type PartialEngineConfig } from '../shared/domain/engineConfig'
import { decoderShapes, initDecoder, guidanceLoss } from './guidance'
import { distanceTargets, fitHEmbedding } from './hembedding'
import { hScore } from './hscore'
import { ChunkedHypernet, unflatten } from './hypernet'
import { countParams, forwardMain, inputSize, mainNetSpec, paramShapes, shapeSize, type ParamShape } from './mainnet'
import { OutputRegularizer } from './regularizer'
import { mainNetLoss, type BatchStats } from './mainnetLoss'
import { Purpose, gaussianArray, rng, sampleIndices } from './seeds'
import { installWasmFastPaths } from './wasmKernels'
import type {
  LearnOptions,
  Learner,
  LearnerSnapshot,
  MainNetSpec,
  StepProgress,
  TaskLearnResult,
  TrainCheckpoint
} from './types'
import type { LossParts, ParameterCounts, TensorRecord } from '../shared/domain/learning'
import { METHODS, isHypernetMethod, methodFamily, type Method, type MethodFamily } from '../shared/domain/methods'

/**
 * The engine's Learner: one object per run that learns tasks in sequence with one of six
 * methods, all through the same data path and training loop.
 *
 * - `hnet`, `hnet-random`, `hemb`: chunked hypernetwork h(e, Θ) generating the whole main net
 *   (its own head included) from a per-task embedding e_t; HNET output regulariser
 *   (β / n)·Σ_{j ∈ S} ‖W_j* − h(e_j, Θ + ΔΘ)‖² over the n = |S| regularised earlier tasks
 *   (S = all, or a seeded subset of `regSubsample`), ΔΘ the detached Adam look-ahead.
 *   `hemb` adds the guidance loss λ_t·(1 − cos(D(hidden(e_t)), ê)) toward the H-embedding ê
 *   from the third task on; `hnet-random` uses a random N(0, 1) ê instead.
 * - `finetune`: one shared body, a new head per task, no protection.
 * - `ewc`: the same plus the online-EWC penalty (λ/2)·Σ F̃ (θ − θ*)², F̃ ← γF̃ + F_t.
 * - `independent`: a fresh main net per task.
 *
 * Update order per step (the authors' train_Hemb.py): task loss → guidance (decoder step) →
 * embedding step → look-ahead + regulariser → Θ step. The task and guidance gradients are taken
 * in one backward pass — the decoder appears only in the guidance loss and the regulariser does
 * not depend on e_t or D, so this is the same arithmetic as the authors' separate passes.
 */

export interface CreateLearnerOptions {
  method: Method
  seed: number
  config?: PartialEngineConfig | Record<string, unknown>
  inputShape: number[]
}

export function createLearner(opts: CreateLearnerOptions): Learner {
  if (!METHODS.includes(opts.method)) {
    throw new KeizokuError('invalid_argument', `Unknown method "${String(opts.method)}".`, {
      hint: `Use one of ${METHODS.join(', ')}.`
    })
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0) {
    throw new KeizokuError('invalid_argument', `The seed must be a whole number ≥ 0, got ${opts.seed}.`)
  }
  if (
    !Array.isArray(opts.inputShape) ||
    opts.inputShape.length === 0 ||
    opts.inputShape.some((d) => !Number.isInteger(d) || d < 1)
  ) {
    throw new KeizokuError(
      'invalid_argument',
      `The input shape must be a list of positive whole numbers, got ${JSON.stringify(opts.inputShape)}.`
    )
  }
  const cfg = resolveConfig({ ...(opts.config ?? {}), seed: opts.seed })
  return new EngineLearner(opts.method, opts.seed, cfg, opts.inputShape)
}

/**
 * Snapshot (and checkpoint) format. 2: the hypernet fills the main net through `hnet.layout`
 * (generatedLayout.ts). A format-1 hypernet snapshot holds a Θ trained for the old [in, out]
 * order; read with the new order it would generate different weights, so it is refused.
 * Baseline snapshots store the main-net weights themselves, unchanged, and stay readable.
 */
export const SNAPSHOT_FORMAT = 2

function checkFormat(method: Method, format: unknown, what: string): void {
  const f = typeof format === 'number' ? format : 1
  if (f > SNAPSHOT_FORMAT) {
    throw new KeizokuError(
      'refused',
      `This ${what} has format ${f}; this version of Keizoku reads up to ${SNAPSHOT_FORMAT}.`,
      {
        hint: 'Open it with the newer Keizoku version that wrote it.'
      }
    )
  }
  if (f < SNAPSHOT_FORMAT && isHypernetMethod(method)) {
    throw new KeizokuError(
      'refused',
      `This ${what} of a "${method}" model has format ${f}: it was trained before the hypernetwork's weight layout changed (format ${SNAPSHOT_FORMAT}), and read now it would generate different weights.`,
      {
        hint: 'Retrain the tasks in a new workspace (or with a new run) with this version; the old model cannot be converted.'
      }
    )
  }
}

export function restoreLearner(s: LearnerSnapshot): Learner {
  checkFormat(s.method, (s.meta as { format?: unknown } | undefined)?.format, 'learner snapshot')
  const l = new EngineLearner(s.method, s.seed, resolveConfig({ ...s.config, seed: s.seed }), s.inputShape)
  l.load(s)
  return l
}

function record(name: string, t: tf.Tensor): TensorRecord {
  return { name, shape: [...t.shape], data: (t.dataSync() as Float32Array).slice() }
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Trainable tensors of one task's training, each with its Adam state. */
interface Slot {
  value: tf.Tensor1D
  adam: Adam
}

interface TaskRun {
  t: number
  numClasses: number
  sampler: BatchSampler
  slots: Record<string, Slot>
  /** Constant tensors of the run (regulariser targets, stacked embeddings, EWC anchors). */
  consts: tf.Tensor[]
  reg?: OutputRegularizer
  guide?: tf.Tensor1D
  lambdaT: number
  step: (s: number, read: boolean) => { loss: LossParts; correct: number; n: number } | undefined
}

class EngineLearner implements Learner {
  readonly family: MethodFamily
  readonly spec: MainNetSpec
  readonly shapes: ParamShape[]
  readonly bodyShapes: ParamShape[]
  readonly headShapes: ParamShape[]
  readonly numWeights: number
  readonly hnet?: ChunkedHypernet
  readonly adamBase: Omit<AdamHyper, 'lr'>

  numClasses: number[] = []
  guideTargets: Array<number[] | null> = []
  transferRows: number[][] = []
  theta?: tf.Tensor1D
  embeddings: tf.Tensor1D[] = []
  body?: tf.Tensor1D
  heads: tf.Tensor1D[] = []
  fisher?: tf.Tensor1D
  bodyStar?: tf.Tensor1D
  nets: tf.Tensor1D[] = []
  private disposed = false

  constructor(
    readonly method: Method,
    readonly seed: number,
    readonly cfg: EngineConfig,
    readonly inputShape: number[]
  ) {
    installWasmFastPaths()
    this.family = methodFamily(method)
    this.spec = mainNetSpec(cfg, inputShape)
    this.shapes = paramShapes(this.spec)
    this.bodyShapes = this.shapes.slice(0, -2)
    this.headShapes = this.shapes.slice(-2)
    this.numWeights = countParams(this.shapes)
    this.adamBase = { beta1: cfg.adamBeta1, beta2: cfg.adamBeta2, eps: cfg.adamEpsilon }
    if (this.family === 'hyper') {
      this.hnet = new ChunkedHypernet(cfg, this.shapes)
      this.theta = tf.keep(tf.tensor1d(this.hnet.initTheta(rng(seed, Purpose.hnetInit))))
    } else if (this.family === 'shared') {
      this.body = tf.keep(tf.tensor1d(initMain(this.bodyShapes, rng(seed, Purpose.mainInit, 0))))
    }
  }

  get tasksLearned(): number {
    return this.numClasses.length
  }

  // ---------------------------------------------------------------- weights of learned tasks

  /** Main-net tensors of task j (call inside tf.tidy). */
  private weightsOf(j: number): tf.Tensor[] {
    if (this.family === 'hyper') {
      const e = tf.reshape(this.embeddings[j], [1, -1]) as tf.Tensor2D
      return unflatten(this.hnet!.generate(this.theta!, e).flat, this.shapes)
    }
    if (this.family === 'shared')
      return [...unflatten(this.body!, this.bodyShapes), ...unflatten(this.heads[j], this.headShapes)]
    return unflatten(this.nets[j], this.shapes)
  }

  private checkTask(j: number): void {
    if (!Number.isInteger(j) || j < 0 || j >= this.tasksLearned) {
      throw new KeizokuError(
        'not_found',
        `Task ${j} has not been learned; this learner knows tasks 0 … ${this.tasksLearned - 1}.`
      )
    }
  }

  private checkSet(set: LabelledSet, what: string): void {
    const d = inputSize(this.inputShape)
    if (set.n > 0 && set.x.length !== set.n * d) {
      throw new KeizokuError(
        'invalid_argument',
        `${what}: ${set.x.length} feature values for ${set.n} rows, but the learner's input shape [${this.inputShape.join(', ')}] needs ${d} per row.`,
        {
          hint: 'Every task of a run must share one input shape; register the data with the same columns or image size.'
        }
      )
    }
  }

  /** Accuracy of the given main-net weights on `set`, logits cut to `numClasses`. */
  private accuracyWith(weights: tf.Tensor[], set: LabelledSet, numClasses: number): number {
    if (set.n === 0) return NaN
    const d = inputSize(this.inputShape)
    let correct = 0
    const chunk = 1000
    for (let start = 0; start < set.n; start += chunk) {
      const n = Math.min(chunk, set.n - start)
      const pred = tf.tidy(() => {
        const x = tf.tensor2d(set.x.subarray(start * d, (start + n) * d), [n, d])
        const out = forwardMain(this.spec, x, weights)
        const logits = numClasses < this.spec.numClasses ? tf.slice(out, [0, 0], [n, numClasses]) : out
        return tf.argMax(logits, 1)
      })
      const p = pred.dataSync()
      pred.dispose()
      for (let i = 0; i < n; i++) if (p[i] === set.y[start + i]) correct++
    }
    return correct / set.n
  }

  evaluate(taskIndex: number, set: LabelledSet): number {
    this.checkTask(taskIndex)
    this.checkSet(set, `Evaluation data of task ${taskIndex}`)
    const weights = tf.tidy(() => this.weightsOf(taskIndex).map((w) => tf.keep(w)))
    try {
      return this.accuracyWith(weights, set, this.numClasses[taskIndex])
    } finally {
      tf.dispose(weights)
    }
  }

  /** Main-net weights the next task would start from (see Learner.evaluateBeforeLearning). */
  private initialWeights(): tf.Tensor[] {
    const t = this.tasksLearned
    if (this.family === 'hyper') {
      const e = tf.tensor2d(gaussianArray(this.hnet!.te, rng(this.seed, Purpose.taskEmbedding, t)), [1, this.hnet!.te])
      return unflatten(this.hnet!.generate(this.theta!, e).flat, this.shapes)
    }
    if (this.family === 'shared') {
      const head = tf.tensor1d(initMain(this.headShapes, rng(this.seed, Purpose.mainInit, t + 1)))
      return [...unflatten(this.body!, this.bodyShapes), ...unflatten(head, this.headShapes)]
    }
    return unflatten(tf.tensor1d(initMain(this.shapes, rng(this.seed, Purpose.mainInit, t + 1))), this.shapes)
  }

  evaluateBeforeLearning(set: LabelledSet): number {
    this.checkSet(set, 'Evaluation data of the next task')
    const weights = tf.tidy(() => this.initialWeights().map((w) => tf.keep(w)))
    try {
      return this.accuracyWith(weights, set, Math.min(set.numClasses, this.spec.numClasses))
    } finally {
      tf.dispose(weights)
    }
  }

  /** Penultimate features of `x` under task j's weights, as a typed array [n × d]. */
  private features(weights: tf.Tensor[], x: Float32Array, n: number): { f: Float32Array; d: number } {
    const d = inputSize(this.inputShape)
    const t = tf.tidy(() => forwardMain(this.spec, tf.tensor2d(x, [n, d]), weights, { features: true }))
    const f = t.dataSync() as Float32Array
    const width = t.shape[1]
    t.dispose()
    return { f, d: width }
  }

  private transferRowFor(set: LabelledSet, rowsSeed: number): number[] {
    if (this.tasksLearned === 0 || set.n === 0) return []
    const rows = sampleIndices(set.n, this.cfg.hscoreSamples, rng(this.seed, Purpose.hscoreRows, rowsSeed))
    const { x, y } = gatherRows(set, rows)
    const row: number[] = []
    for (let j = 0; j < this.tasksLearned; j++) {
      const { f, d } = this.featuresUnder(j, x, rows.length)
      row.push(hScore(f, rows.length, d, y, set.numClasses))
    }
    return row
  }

  featuresUnder(taskIndex: number, x: Float32Array, n: number): { f: Float32Array; d: number } {
    this.checkTask(taskIndex)
    const weights = tf.tidy(() => this.weightsOf(taskIndex).map((w) => tf.keep(w)))
    try {
      return this.features(weights, x, n)
    } finally {
      tf.dispose(weights)
    }
  }

  transferRow(set: LabelledSet): number[] {
    this.checkSet(set, 'Transferability data')
    return this.transferRowFor(set, this.tasksLearned)
  }

  generatedWeights(taskIndex: number): Float32Array {
    this.checkTask(taskIndex)
    const flat = tf.tidy(() => tf.concat(this.weightsOf(taskIndex).map((w) => tf.reshape(w, [-1]))))
    const out = (flat.dataSync() as Float32Array).slice()
    flat.dispose()
    return out
  }

  mainNetwork(taskIndex: number): { spec: MainNetSpec; tensors: TensorRecord[] } {
    this.checkTask(taskIndex)
    const c = this.numClasses[taskIndex]
    const full = this.generatedWeights(taskIndex)
    const tensors: TensorRecord[] = []
    let off = 0
    for (const s of this.shapes) {
      const n = shapeSize(s.shape)
      let data = full.slice(off, off + n)
      let shape = [...s.shape]
      if (s.name === 'head/kernel' && c < s.shape[1]) {
        const [rows, cols] = s.shape
        const cut = new Float32Array(rows * c)
        for (let r = 0; r < rows; r++) cut.set(data.subarray(r * cols, r * cols + c), r * c)
        data = cut
        shape = [rows, c]
      } else if (s.name === 'head/bias' && c < s.shape[0]) {
        data = data.slice(0, c)
        shape = [c]
      }
      tensors.push({ name: s.name, shape, data })
      off += n
    }
    return {
      spec: { ...this.spec, inputShape: [...this.spec.inputShape], hidden: [...this.spec.hidden], numClasses: c },
      tensors
    }
  }

  parameterCounts(): ParameterCounts {
    const mainNet = this.numWeights
    let shared = 0
    let perTask = 0
    if (this.family === 'hyper') {
      shared = this.hnet!.size
      perTask = this.cfg.hnet.taskEmbeddingSize
    } else if (this.family === 'shared') {
      shared = countParams(this.bodyShapes)
      perTask = countParams(this.headShapes)
    } else {
      perTask = mainNet
    }
    const compression = mainNet / (shared / Math.max(this.tasksLearned, 1) + perTask)
    return { shared, perTask, mainNet, compression }
  }

  // ---------------------------------------------------------------------------- training

  async learnTask(data: TaskData, opts: LearnOptions = {}): Promise<TaskLearnResult> {
    if (this.disposed) throw new KeizokuError('refused', 'This learner has been disposed.')
    const t = this.tasksLearned
    const train = data.train
    this.checkSet(train, `Training data of task ${t} ("${data.name}")`)
    if (train.n < 1) {
      throw new KeizokuError('invalid_argument', `Task ${t} ("${data.name}") has no training rows.`, {
        hint: 'Register data with at least one labelled row.'
      })
    }
    if (train.numClasses < 2 || train.numClasses > this.spec.numClasses) {
      throw new KeizokuError(
        'invalid_argument',
        `Task ${t} ("${data.name}") has ${train.numClasses} classes; each task head holds 2 … ${this.spec.numClasses}.`,
        { hint: `Set mainNet.headSize to at least ${train.numClasses} in the engine config (before the first task).` }
      )
    }
    for (let i = 0; i < train.n; i++) {
      const yi = train.y[i]
      if (!(yi >= 0 && yi < train.numClasses)) {
        throw new KeizokuError(
          'invalid_argument',
          `Training row ${i} of task ${t} has label ${yi}, outside 0 … ${train.numClasses - 1}.`
        )
      }
    }
    const resume = opts.resume
    if (resume) checkFormat(this.method, resume.meta.format, 'checkpoint')
    if (resume && resume.taskIndex !== t) {
      throw new KeizokuError(
        'conflict',
        `The checkpoint is for task ${resume.taskIndex}, but this learner is about to learn task ${t}.`,
        {
          hint: 'Restore the learner snapshot taken before that task, then resume.'
        }
      )
    }

    const started = Date.now()
    const meta = resume?.meta ?? {}
    const transferRow = Array.isArray(meta.transferRow)
      ? (meta.transferRow as number[])
      : (opts.transferRow ?? this.transferRowFor(train, t))
    let guideTarget: number[] | null = null
    if (Array.isArray(meta.guideTarget)) guideTarget = meta.guideTarget as number[]
    else if (resume && meta.guideTarget === null) guideTarget = null
    else if (opts.noGuidance) guideTarget = null
    else if (t >= 2 && this.method === 'hemb') {
      const distances = distanceTargets(transferRow, this.cfg.distanceMap, this.cfg.distanceEpsilon)
      const prev = this.embeddings.map((e) => (e.dataSync() as Float32Array).slice())
      const fit = fitHEmbedding(prev, distances, {
        steps: this.cfg.hembSteps,
        lr: this.cfg.hembLr,
        seed: rng(this.seed, Purpose.hembFit, t)() * 2 ** 31
      })
      guideTarget = Array.from(fit.embedding)
    } else if (t >= 2 && this.method === 'hnet-random') {
      guideTarget = Array.from(gaussianArray(this.cfg.hnet.taskEmbeddingSize, rng(this.seed, Purpose.randomGuide, t)))
    }

    const run = this.prepareRun(t, train, guideTarget, resume)
    const steps = this.cfg.steps
    const startStep = resume?.step ?? 0
    const stride = Math.max(1, Math.ceil(steps / 500))
    const lossCurve: LossParts[] = []
    if (Array.isArray(meta.lossCurve)) lossCurve.push(...(meta.lossCurve as LossParts[]))
    const every = opts.checkpointEvery ?? 0
    let lastReport = 0
    let lastYield = Date.now()
    const loopStart = Date.now()
    try {
      for (let s = startStep; s < steps; s++) {
        if (opts.shouldStop?.()) {
          throw new KeizokuError(
            'cancelled',
            `Training of task ${t} ("${data.name}") was cancelled at step ${s} of ${steps}; the learner is unchanged.`
          )
        }
        const now = Date.now()
        const wantProgress = opts.onProgress !== undefined && (now - lastReport >= 200 || s === steps - 1)
        const wantCurve = s % stride === 0 || s === steps - 1
        const out = run.step(s, wantProgress || wantCurve)
        if (out && wantCurve) lossCurve.push(out.loss)
        if (out && wantProgress) {
          lastReport = now
          const done = s + 1 - startStep
          const sps = done / Math.max((Date.now() - loopStart) / 1000, 1e-3)
          const p: StepProgress = {
            taskIndex: t,
            step: s + 1,
            totalSteps: steps,
            loss: out.loss,
            batchAccuracy: out.correct / out.n,
            stepsPerSecond: sps,
            etaSeconds: (steps - s - 1) / Math.max(sps, 1e-9)
          }
          opts.onProgress!(p)
        }
        if (every > 0 && (s + 1) % every === 0 && s + 1 < steps && opts.onCheckpoint) {
          opts.onCheckpoint(this.checkpointOf(run, s + 1, { transferRow, guideTarget, lossCurve }))
        }
        if (Date.now() - lastYield > 25) {
          await yieldToLoop()
          lastYield = Date.now()
        }
      }
    } catch (err) {
      this.disposeRun(run)
      throw err
    }
    this.commit(run, train)
    this.transferRows.push(transferRow)
    this.guideTargets.push(guideTarget)
    const millis = Date.now() - started
    const trained = steps - startStep
    return {
      taskIndex: t,
      transferRow,
      embeddingTarget: guideTarget ?? undefined,
      steps,
      millis,
      stepsPerSecond: trained / Math.max((Date.now() - loopStart) / 1000, 1e-9),
      lossCurve,
      backend: tf.getBackend() as BackendName
    }
  }

  private adam(size: number, lr: number, init?: { m: Float32Array; v: Float32Array; t: number }): Adam {
    return new Adam(size, { lr, ...this.adamBase }, init)
  }

  /** A trainable slot: value from the checkpoint when resuming, else `init()`. */
  private slot(name: string, lr: number, init: () => Float32Array, resume?: TrainCheckpoint): Slot {
    if (resume) {
      const find = (n: string): Float32Array => {
        const r = resume.tensors.find((x) => x.name === n)
        if (!r)
          throw new KeizokuError('corrupt', `The checkpoint lacks tensor "${n}".`, {
            hint: 'Restart the task from the beginning.'
          })
        return r.data
      }
      const value = find(name)
      const t = (resume.meta.adamSteps as Record<string, number> | undefined)?.[name] ?? resume.step
      return {
        value: tf.keep(tf.tensor1d(value)),
        adam: this.adam(value.length, lr, { m: find(`${name}#m`), v: find(`${name}#v`), t })
      }
    }
    const value = init()
    return { value: tf.keep(tf.tensor1d(value)), adam: this.adam(value.length, lr) }
  }

  private clone(t: tf.Tensor1D): Float32Array {
    return (t.dataSync() as Float32Array).slice()
  }

  private prepareRun(t: number, train: LabelledSet, guideTarget: number[] | null, resume?: TrainCheckpoint): TaskRun {
    const cfg = this.cfg
    const c = train.numClasses
    const sampler = new BatchSampler(train, cfg.batchSize, this.seed, t)
    const slots: Record<string, Slot> = {}
    const consts: tf.Tensor[] = []
    const run: TaskRun = {
      t,
      numClasses: c,
      sampler,
      slots,
      consts,
      lambdaT: Math.min(cfg.betaEmb * t, 1),
      step: () => undefined
    }
    const spec = this.spec

    if (this.family === 'hyper') {
      const hnet = this.hnet!
      const te = hnet.te
      slots.theta = this.slot('theta', cfg.lr, () => this.clone(this.theta!), resume)
      const embInit = (): Float32Array =>
        cfg.hnet.embeddingInit === 'target' && guideTarget
          ? Float32Array.from(guideTarget)
          : gaussianArray(te, rng(this.seed, Purpose.taskEmbedding, t))
      slots.emb = this.slot('emb', cfg.embeddingLr, embInit, resume)
      const guideOn = guideTarget !== null && cfg.betaEmb > 0
      const lastHidden = hnet.hidden[hnet.hidden.length - 1]
      const decIn = cfg.guidanceInput === 'mean' ? lastHidden : hnet.hiddenSize
      if (guideOn) {
        run.guide = tf.keep(tf.tensor1d(guideTarget!))
        consts.push(run.guide)
        const dShapes = decoderShapes(decIn, cfg.decoderHidden, te)
        slots.dec = this.slot(
          'dec',
          cfg.decoderLr,
          () => initDecoder(dShapes, rng(this.seed, Purpose.decoderInit, t)),
          resume
        )
      }
      const regOn = t > 0 && cfg.beta > 0
      if (regOn) {
        // Targets W_j* = h(e_j, Θ*) with Θ* the hypernet before this task (kept in Gram form).
        const E = tf.stack(this.embeddings) as tf.Tensor2D
        run.reg = new OutputRegularizer(hnet, this.theta!, E, cfg.beta)
        E.dispose()
      }
      const dShapes = guideOn ? decoderShapes(decIn, cfg.decoderHidden, te) : []
      run.step = (s, read) => {
        const { x, labels } = sampler.get(s)
        const stats: BatchStats = { loss: 0, correct: 0 }
        let lossGuide: tf.Tensor | undefined
        const th = slots.theta
        const em = slots.emb
        const dec = slots.dec
        const f = (...args: tf.Tensor[]): tf.Scalar => {
          const [theta, emb, decFlat] = args as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D | undefined]
          const gen = hnet.generate(theta, tf.reshape(emb, [1, te]) as tf.Tensor2D, guideOn)
          const lt = mainNetLoss(spec, this.shapes, gen.flat, x, labels, c, stats)
          if (!guideOn) return lt
          const hid = cfg.guidanceInput === 'mean' ? tf.mean(gen.hidden!, 0, true) : tf.reshape(gen.hidden!, [1, -1])
          const lg = guidanceLoss(decFlat!, dShapes, hid as tf.Tensor2D, run.guide!, run.lambdaT)
          if (read) lossGuide = tf.keep(tf.clone(lg))
          return tf.add(lt, lg) as tf.Scalar
        }
        const inputs = guideOn ? [th.value, em.value, dec!.value] : [th.value, em.value]
        const { value, grads } = tf.valueAndGrads(f)(inputs)
        value.dispose()
        const gTheta = grads[0] as tf.Tensor1D
        if (guideOn) dec!.value = dec!.adam.apply(dec!.value, grads[2] as tf.Tensor1D)
        em.value = em.adam.apply(em.value, grads[1] as tf.Tensor1D)
        grads[1].dispose()
        if (guideOn) grads[2].dispose()
        let gTotal = gTheta
        let lossReg: tf.Tensor | undefined
        if (regOn) {
          const r = tf.tidy(() => {
            const reg = run.reg!
            const subset =
              cfg.regSubsample > 0 && cfg.regSubsample < reg.n
                ? sampleIndices(reg.n, cfg.regSubsample, rng(this.seed, Purpose.regSubset, t, s))
                : undefined
            const at = cfg.lookahead ? (tf.add(th.value, th.adam.delta(gTheta)) as tf.Tensor1D) : th.value
            const { value: v, grad } = tf.valueAndGrad((p: tf.Tensor) => reg.loss(p as tf.Tensor1D, subset))(at)
            return { v, g: tf.add(gTheta, grad) as tf.Tensor1D }
          })
          gTotal = r.g
          gTheta.dispose()
          if (read) lossReg = r.v
          else r.v.dispose()
        }
        th.value = th.adam.apply(th.value, gTotal)
        gTotal.dispose()
        x.dispose()
        if (!read) return undefined
        const lt = stats.loss
        // The Gram form can round to ~−1e-7 at Θ = Θ*; a squared norm is reported as ≥ 0.
        const lr = lossReg ? Math.max(0, lossReg.dataSync()[0]) : undefined
        const lg = lossGuide ? lossGuide.dataSync()[0] : undefined
        if (lossReg) lossReg.dispose()
        if (lossGuide) lossGuide.dispose()
        const loss: LossParts = { task: lt, total: lt + (lr ?? 0) + (lg ?? 0) }
        if (lr !== undefined) loss.reg = lr
        if (lg !== undefined) loss.guide = lg
        return { loss, correct: stats.correct, n: sampler.batch }
      }
      return run
    }

    // Main-net families: shared body + head (finetune, ewc) or one whole net (independent).
    const initRand = rng(this.seed, Purpose.mainInit, t + 1)
    if (this.family === 'shared') {
      slots.body = this.slot('body', cfg.lr, () => this.clone(this.body!), resume)
      slots.head = this.slot('head', cfg.lr, () => initMain(this.headShapes, initRand), resume)
    } else {
      slots.net = this.slot('net', cfg.lr, () => initMain(this.shapes, rng(this.seed, Purpose.mainInit, t + 1)), resume)
    }
    const ewcOn = this.method === 'ewc' && t > 0 && cfg.ewcLambda > 0 && this.fisher !== undefined
    run.step = (s, read) => {
      const { x, labels } = sampler.get(s)
      const stats: BatchStats = { loss: 0, correct: 0 }
      const f = (...args: tf.Tensor[]): tf.Scalar =>
        mainNetLoss(spec, this.shapes, this.family === 'shared' ? tf.concat(args) : args[0], x, labels, c, stats)
      const names = this.family === 'shared' ? ['body', 'head'] : ['net']
      const { value, grads } = tf.valueAndGrads(f)(names.map((n) => slots[n].value))
      let penalty: tf.Tensor | undefined
      if (ewcOn) {
        // ∂/∂θ (λ/2)·Σ F̃ (θ − θ*)² = λ·F̃ ⊙ (θ − θ*)
        const r = tf.tidy(() => {
          const diff = tf.sub(slots.body.value, this.bodyStar!)
          const fd = tf.mul(this.fisher!, diff)
          return {
            g: tf.add(grads[0], tf.mul(fd, cfg.ewcLambda)) as tf.Tensor1D,
            p: tf.mul(tf.sum(tf.mul(fd, diff)), cfg.ewcLambda / 2)
          }
        })
        grads[0].dispose()
        grads[0] = r.g
        penalty = r.p
      }
      names.forEach((n, i) => {
        slots[n].value = slots[n].adam.apply(slots[n].value, grads[i] as tf.Tensor1D)
        grads[i].dispose()
      })
      x.dispose()
      value.dispose()
      if (!read) {
        penalty?.dispose()
        return undefined
      }
      const loss: LossParts = { task: stats.loss, total: stats.loss }
      if (penalty) {
        loss.ewc = penalty.dataSync()[0]
        loss.total += loss.ewc
        penalty.dispose()
      }
      return { loss, correct: stats.correct, n: sampler.batch }
    }
    return run
  }

  private checkpointOf(run: TaskRun, step: number, extra: Record<string, unknown>): TrainCheckpoint {
    const tensors: TensorRecord[] = []
    const adamSteps: Record<string, number> = {}
    for (const [name, slot] of Object.entries(run.slots)) {
      tensors.push(record(name, slot.value))
      const st = slot.adam.state()
      tensors.push(
        { name: `${name}#m`, shape: [st.m.length], data: st.m },
        { name: `${name}#v`, shape: [st.v.length], data: st.v }
      )
      adamSteps[name] = st.t
    }
    return {
      taskIndex: run.t,
      step,
      tensors,
      meta: {
        format: SNAPSHOT_FORMAT,
        method: this.method,
        numClasses: run.numClasses,
        adamSteps,
        ...JSON.parse(JSON.stringify(extra))
      }
    }
  }

  private disposeRun(run: TaskRun): void {
    for (const slot of Object.values(run.slots)) {
      slot.value.dispose()
      slot.adam.dispose()
    }
    tf.dispose(run.consts)
    run.reg?.dispose()
  }

  /** Makes the trained slots the learner's state; disposes the replaced tensors. */
  private commit(run: TaskRun, train: LabelledSet): void {
    const s = run.slots
    if (this.family === 'hyper') {
      this.theta!.dispose()
      this.theta = s.theta.value
      this.embeddings.push(s.emb.value)
      s.theta.adam.dispose()
      s.emb.adam.dispose()
      if (s.dec) {
        s.dec.value.dispose()
        s.dec.adam.dispose()
      }
    } else if (this.family === 'shared') {
      this.body!.dispose()
      this.body = s.body.value
      this.heads.push(s.head.value)
      s.body.adam.dispose()
      s.head.adam.dispose()
    } else {
      this.nets.push(s.net.value)
      s.net.adam.dispose()
    }
    tf.dispose(run.consts)
    run.reg?.dispose()
    this.numClasses.push(run.numClasses)
    if (this.method === 'ewc') this.updateFisher(run.t, train)
  }

  /**
   * Online EWC: F_t = mean over sampled training rows of (∂ log p(y|x) / ∂θ)² (empirical
   * Fisher, one row per backward pass), F̃ ← γ·F̃ + F_t, θ* ← θ.
   */
  private updateFisher(t: number, train: LabelledSet): void {
    const rows = sampleIndices(train.n, this.cfg.ewcSamples, rng(this.seed, Purpose.fisherRows, t))
    const d = inputSize(this.inputShape)
    const c = train.numClasses
    const head = this.heads[t]
    let acc: tf.Tensor1D = tf.keep(tf.zerosLike(this.body!))
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]
      const next = tf.tidy(() => {
        const x = tf.tensor2d(train.x.subarray(r * d, (r + 1) * d), [1, d])
        const y = tf.oneHot(tf.tensor1d([train.y[r]], 'int32'), c).toFloat() as tf.Tensor2D
        const g = tf.grad((b: tf.Tensor) => {
          const logits = forwardMain(
            this.spec,
            x,
            [...unflatten(b, this.bodyShapes), ...unflatten(head, this.headShapes)],
            { constInput: true }
          )
          const l = c < this.spec.numClasses ? tf.slice(logits, [0, 0], [1, c]) : logits
          return tf.losses.softmaxCrossEntropy(y, l) as tf.Scalar
        })(this.body!)
        return tf.add(acc, tf.square(g)) as tf.Tensor1D
      })
      acc.dispose()
      acc = tf.keep(next)
    }
    const ft = tf.tidy(() => tf.div(acc, rows.length) as tf.Tensor1D)
    acc.dispose()
    const merged = tf.tidy(() =>
      this.fisher ? (tf.add(tf.mul(this.fisher, this.cfg.ewcGamma), ft) as tf.Tensor1D) : ft.clone()
    )
    ft.dispose()
    this.fisher?.dispose()
    this.bodyStar?.dispose()
    this.fisher = tf.keep(merged)
    this.bodyStar = tf.keep(this.body!.clone())
  }

  // ------------------------------------------------------------------- snapshot / restore

  snapshot(): LearnerSnapshot {
    const tensors: TensorRecord[] = []
    if (this.theta) tensors.push(record('theta', this.theta))
    this.embeddings.forEach((e, j) => tensors.push(record(`embedding/${j}`, e)))
    if (this.body) tensors.push(record('body', this.body))
    this.heads.forEach((h, j) => tensors.push(record(`head/${j}`, h)))
    if (this.fisher) tensors.push(record('fisher', this.fisher))
    if (this.bodyStar) tensors.push(record('body_star', this.bodyStar))
    this.nets.forEach((n, j) => tensors.push(record(`net/${j}`, n)))
    return {
      method: this.method,
      seed: this.seed,
      config: JSON.parse(JSON.stringify(this.cfg)) as Record<string, unknown>,
      inputShape: [...this.inputShape],
      tasksLearned: this.tasksLearned,
      numClasses: [...this.numClasses],
      tensors,
      meta: { format: SNAPSHOT_FORMAT, guideTargets: this.guideTargets, transferRows: this.transferRows }
    }
  }

  load(s: LearnerSnapshot): void {
    const get = (name: string, size?: number): tf.Tensor1D => {
      const r = s.tensors.find((x) => x.name === name)
      if (!r)
        throw new KeizokuError('corrupt', `The learner snapshot lacks tensor "${name}".`, {
          hint: 'The stored model is incomplete; retrain or restore an earlier version.'
        })
      if (size !== undefined && r.data.length !== size) {
        throw new KeizokuError('corrupt', `Snapshot tensor "${name}" has ${r.data.length} values, expected ${size}.`, {
          hint: 'The snapshot was made with a different config or is damaged.'
        })
      }
      return tf.keep(tf.tensor1d(r.data))
    }
    const n = s.tasksLearned
    if (this.family === 'hyper') {
      this.theta!.dispose()
      this.theta = get('theta', this.hnet!.size)
      for (let j = 0; j < n; j++) this.embeddings.push(get(`embedding/${j}`, this.hnet!.te))
    } else if (this.family === 'shared') {
      this.body!.dispose()
      this.body = get('body', countParams(this.bodyShapes))
      for (let j = 0; j < n; j++) this.heads.push(get(`head/${j}`, countParams(this.headShapes)))
      if (this.method === 'ewc' && n > 0) {
        this.fisher = get('fisher', countParams(this.bodyShapes))
        this.bodyStar = get('body_star', countParams(this.bodyShapes))
      }
    } else {
      for (let j = 0; j < n; j++) this.nets.push(get(`net/${j}`, this.numWeights))
    }
    this.numClasses = [...s.numClasses]
    const meta = s.meta as { guideTargets?: Array<number[] | null>; transferRows?: number[][] }
    this.guideTargets = meta.guideTargets ?? Array.from({ length: n }, () => null)
    this.transferRows = meta.transferRows ?? Array.from({ length: n }, () => [])
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.hnet?.dispose()
    tf.dispose([
      ...(this.theta ? [this.theta] : []),
      ...this.embeddings,
      ...(this.body ? [this.body] : []),
      ...this.heads,
      ...(this.fisher ? [this.fisher] : []),
      ...(this.bodyStar ? [this.bodyStar] : []),
      ...this.nets
    ])
  }
}

/** Glorot-uniform kernels and zero biases (tf.layers.dense's defaults), conv kernels included. */
export function initMain(shapes: ParamShape[], rand: () => number): Float32Array {
  const out = new Float32Array(countParams(shapes))
  let off = 0
  for (const s of shapes) {
    const n = shapeSize(s.shape)
    if (!s.name.endsWith('bias')) {
      const recept = s.shape.length === 4 ? s.shape[0] * s.shape[1] : 1
      const fanIn = s.shape[s.shape.length - 2] * recept
      const fanOut = s.shape[s.shape.length - 1] * recept
      const lim = Math.sqrt(6 / (fanIn + fanOut))
      for (let i = 0; i < n; i++) out[off + i] = (rand() * 2 - 1) * lim
    }
    off += n
  }
  return out
}
