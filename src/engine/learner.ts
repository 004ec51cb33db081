import * as tf from '@tensorflow/tfjs'
import type { LabelledSet, TaskData } from '../shared/dataset'
import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'
import type { BackendName } from '../shared/types'
import { BatchSampler, gatherRows } from './batches'
import { resolveConfig, type EngineConfig, type PartialEngineConfig } from '../shared/domain/engineConfig'
import { hScore } from './hscore'
import { countParams, forwardMain, inputSize, mainNetSpec, paramShapes, shapeSize, type ParamShape } from './mainnet'
import { Purpose, rng, sampleIndices } from './seeds'
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
import { METHODS, isHypernetMethod, methodFamily, type Method } from '../shared/domain/methods'
import type { AdamHyper } from './adam'
import { tensorRecord, type FamilyState, type LearnerContext, type TaskRun } from './families/family'
import { HypernetFamily } from './families/hypernet'
import { IndependentFamily } from './families/independent'
import { SharedBodyFamily } from './families/sharedBody'

/**
 * The engine's Learner: one object per run that learns tasks in sequence with one of six
 * methods, all through the same data path and training loop. What depends on the method's
 * family — the parameters kept between tasks, the weights of a learned task, one training
 * step — is the family's (src/engine/families/): the hypernetwork (`hnet`, `hnet-random`,
 * `hemb`: hypernet.ts), one shared body with a head per task (`finetune`, `ewc`: sharedBody.ts,
 * EWC in ewc.ts) and one net per task (`independent`: independent.ts). This file holds the
 * rest: input checks, evaluation, transferability rows, the training loop with progress,
 * cancellation and checkpoints, and snapshots.
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
      hint: `Use one of ${METHODS.join(', ')}.`,
      say: say('engine.unknown_method', { method: String(opts.method), methods: METHODS.join(', ') })
    })
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0) {
    throw new KeizokuError('invalid_argument', `The seed must be a whole number ≥ 0, got ${opts.seed}.`, {
      say: say('engine.bad_seed', { seed: String(opts.seed) })
    })
  }
  if (
    !Array.isArray(opts.inputShape) ||
    opts.inputShape.length === 0 ||
    opts.inputShape.some((d) => !Number.isInteger(d) || d < 1)
  ) {
    throw new KeizokuError(
      'invalid_argument',
      `The input shape must be a list of positive whole numbers, got ${JSON.stringify(opts.inputShape)}.`,
      { say: say('engine.bad_input_shape', { shape: JSON.stringify(opts.inputShape) }) }
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
        hint: 'Open it with the newer Keizoku version that wrote it.',
        say: say(`engine.format_too_new.${what === 'checkpoint' ? 'checkpoint' : 'snapshot'}`, {
          format: f,
          supported: SNAPSHOT_FORMAT
        })
      }
    )
  }
  if (f < SNAPSHOT_FORMAT && isHypernetMethod(method)) {
    throw new KeizokuError(
      'refused',
      `This ${what} of a "${method}" model has format ${f}: it was trained before the hypernetwork's weight layout changed (format ${SNAPSHOT_FORMAT}), and read now it would generate different weights.`,
      {
        hint: 'Retrain the tasks in a new workspace (or with a new run) with this version; the old model cannot be converted.',
        say: say(`engine.format_old_layout.${what === 'checkpoint' ? 'checkpoint' : 'snapshot'}`, {
          method,
          format: f,
          supported: SNAPSHOT_FORMAT
        })
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

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

class EngineLearner implements Learner, LearnerContext {
  readonly spec: MainNetSpec
  readonly shapes: ParamShape[]
  readonly numWeights: number
  readonly adamBase: Omit<AdamHyper, 'lr'>
  readonly family: FamilyState

  numClasses: number[] = []
  guideTargets: Array<number[] | null> = []
  transferRows: number[][] = []
  private disposed = false

  constructor(
    readonly method: Method,
    readonly seed: number,
    readonly cfg: EngineConfig,
    readonly inputShape: number[]
  ) {
    installWasmFastPaths()
    this.spec = mainNetSpec(cfg, inputShape)
    this.shapes = paramShapes(this.spec)
    this.numWeights = countParams(this.shapes)
    this.adamBase = {
      beta1: cfg.adamBeta1,
      beta2: cfg.adamBeta2,
      eps: cfg.adamEpsilon,
      schedule: { kind: cfg.lrSchedule, steps: cfg.steps, warmup: Math.round(cfg.lrWarmupFraction * cfg.steps) }
    }
    const family = methodFamily(method)
    this.family =
      family === 'hyper'
        ? new HypernetFamily(this)
        : family === 'shared'
          ? new SharedBodyFamily(this)
          : new IndependentFamily(this)
  }

  get tasksLearned(): number {
    return this.numClasses.length
  }

  // ---------------------------------------------------------------- weights of learned tasks

  private checkTask(j: number): void {
    if (!Number.isInteger(j) || j < 0 || j >= this.tasksLearned) {
      throw new KeizokuError(
        'not_found',
        `Task number ${j + 1} has not been learned; this learner knows ${this.tasksLearned} task(s), numbered from 1 in learning order.`,
        { say: say('engine.task_not_learned', { task: j + 1, learned: this.tasksLearned }) }
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
          hint: 'Every task of a run must share one input shape; register the data with the same columns or image size.',
          say: say('engine.input_size_mismatch', {
            what,
            values: set.x.length,
            rows: set.n,
            shape: this.inputShape.join(', '),
            size: d
          })
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
    this.checkSet(set, `Evaluation data of task number ${taskIndex + 1}`)
    const weights = tf.tidy(() => this.family.weightsOf(taskIndex).map((w) => tf.keep(w)))
    try {
      return this.accuracyWith(weights, set, this.numClasses[taskIndex])
    } finally {
      tf.dispose(weights)
    }
  }

  evaluateBeforeLearning(set: LabelledSet): number {
    this.checkSet(set, 'Evaluation data of the next task')
    const weights = tf.tidy(() => this.family.initialWeights(this.tasksLearned).map((w) => tf.keep(w)))
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
    const weights = tf.tidy(() => this.family.weightsOf(taskIndex).map((w) => tf.keep(w)))
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
    const flat = tf.tidy(() => tf.concat(this.family.weightsOf(taskIndex).map((w) => tf.reshape(w, [-1]))))
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
    const { shared, perTask } = this.family.counts()
    const compression = mainNet / (shared / Math.max(this.tasksLearned, 1) + perTask)
    return { shared, perTask, mainNet, compression }
  }

  // ---------------------------------------------------------------------------- training

  async learnTask(data: TaskData, opts: LearnOptions = {}): Promise<TaskLearnResult> {
    if (this.disposed)
      throw new KeizokuError('refused', 'This learner has been disposed.', { say: say('engine.learner_disposed') })
    const t = this.tasksLearned
    const train = data.train
    this.checkSet(train, `Training data of task "${data.name}"`)
    if (train.n < 1) {
      throw new KeizokuError('invalid_argument', `Task "${data.name}" has no training rows.`, {
        hint: 'Register data with at least one labelled row.',
        say: say('engine.no_training_rows', { task: data.name })
      })
    }
    if (train.numClasses < 2 || train.numClasses > this.spec.numClasses) {
      throw new KeizokuError(
        'invalid_argument',
        `Task "${data.name}" has ${train.numClasses} classes; each task head holds 2 … ${this.spec.numClasses}.`,
        {
          hint: `Set mainNet.headSize to at least ${train.numClasses} in the engine config (before the first task).`,
          say: say('engine.too_many_classes', { task: data.name, classes: train.numClasses, max: this.spec.numClasses })
        }
      )
    }
    for (let i = 0; i < train.n; i++) {
      const yi = train.y[i]
      if (!(yi >= 0 && yi < train.numClasses)) {
        throw new KeizokuError(
          'invalid_argument',
          `Training row ${i + 1} of task "${data.name}" has label ${yi}, outside 0 … ${train.numClasses - 1}.`,
          {
            say: say('engine.label_out_of_range', { row: i + 1, task: data.name, label: yi, max: train.numClasses - 1 })
          }
        )
      }
    }
    const resume = opts.resume
    if (resume) checkFormat(this.method, resume.meta.format, 'checkpoint')
    if (resume && resume.taskIndex !== t) {
      throw new KeizokuError(
        'conflict',
        `The checkpoint is for task number ${resume.taskIndex + 1}, but this learner is about to learn task number ${t + 1} ("${data.name}").`,
        {
          hint: 'Restore the learner snapshot taken before that task, then resume.',
          say: say('engine.checkpoint_other_task', { from: resume.taskIndex + 1, task: t + 1, name: data.name })
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
    else guideTarget = this.family.guideTarget(t, transferRow)

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
            `Training of task "${data.name}" was cancelled at step ${s} of ${steps}; the learner is unchanged.`,
            { say: say('engine.training_cancelled', { task: data.name, step: s, steps }) }
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

  private prepareRun(t: number, train: LabelledSet, guideTarget: number[] | null, resume?: TrainCheckpoint): TaskRun {
    const run: TaskRun = {
      t,
      numClasses: train.numClasses,
      sampler: new BatchSampler(train, this.cfg.batchSize, this.seed, t),
      slots: {},
      owned: [],
      step: () => undefined
    }
    this.family.prepare(run, guideTarget, resume)
    return run
  }

  private checkpointOf(run: TaskRun, step: number, extra: Record<string, unknown>): TrainCheckpoint {
    const tensors: TensorRecord[] = []
    const adamSteps: Record<string, number> = {}
    for (const [name, slot] of Object.entries(run.slots)) {
      tensors.push(tensorRecord(name, slot.value))
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
    for (const o of run.owned) o.dispose()
  }

  /** Makes the trained slots the learner's state; disposes the replaced tensors. */
  private commit(run: TaskRun, train: LabelledSet): void {
    this.family.commit(run, train)
    for (const o of run.owned) o.dispose()
    this.numClasses.push(run.numClasses)
  }

  // ------------------------------------------------------------------- snapshot / restore

  snapshot(): LearnerSnapshot {
    const tensors = this.family.tensors()
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
          hint: 'The stored model is incomplete; retrain or restore an earlier version.',
          say: say('engine.snapshot_lacks_tensor', { name })
        })
      if (size !== undefined && r.data.length !== size) {
        throw new KeizokuError('corrupt', `Snapshot tensor "${name}" has ${r.data.length} values, expected ${size}.`, {
          hint: 'The snapshot was made with a different config or is damaged.',
          say: say('engine.snapshot_tensor_size', { name, got: r.data.length, expected: size })
        })
      }
      return tf.keep(tf.tensor1d(r.data))
    }
    const n = s.tasksLearned
    this.family.load(get, n)
    this.numClasses = [...s.numClasses]
    const meta = s.meta as { guideTargets?: Array<number[] | null>; transferRows?: number[][] }
    this.guideTargets = meta.guideTargets ?? Array.from({ length: n }, () => null)
    this.transferRows = meta.transferRows ?? Array.from({ length: n }, () => [])
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.family.dispose()
  }
}
