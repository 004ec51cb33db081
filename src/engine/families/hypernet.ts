import * as tf from '@tensorflow/tfjs'
import type { LabelledSet } from '../../shared/dataset'
import type { LossParts, TensorRecord } from '../../shared/domain/learning'
import { decoderShapes, guidanceLoss, initDecoder } from '../guidance'
import { distanceTargets, fitHEmbedding } from '../hembedding'
import { ChunkedHypernet, unflatten } from '../hypernet'
import { mainNetLoss, type BatchStats } from '../mainnetLoss'
import { OutputRegularizer } from '../regularizer'
import { Purpose, gaussianArray, rng, sampleIndices } from '../seeds'
import type { TrainCheckpoint } from '../types'
import {
  indexedRecords,
  makeSlot,
  tensorRecord,
  valuesOf,
  type FamilyState,
  type LearnerContext,
  type TaskRun,
  type TensorGetter
} from './family'

/**
 * The hypernetwork family (`hnet`, `hnet-random`, `hemb`): a chunked hypernetwork h(e, Θ)
 * generates the whole main net (its own head included) from a per-task embedding e_t. Kept
 * between tasks: Θ and every e_j.
 *
 * Training task t adds the HNET output regulariser (regularizer.ts)
 * (β / n)·Σ_{j ∈ S} ‖W_j* − h(e_j, Θ + ΔΘ)‖² over the n = |S| regularised earlier tasks
 * (S = all, or a seeded subset of `regSubsample`), ΔΘ the detached Adam look-ahead. `hemb` adds
 * the guidance loss λ_t·(1 − cos(D(hidden(e_t)), ê)), λ_t = min(β_emb·t, 1), toward the
 * H-embedding ê from the third task on; `hnet-random` uses a random N(0, 1) ê instead.
 *
 * Update order per step (the authors' train_Hemb.py): task loss → guidance (decoder step) →
 * embedding step → look-ahead + regulariser → Θ step. The task and guidance gradients are taken
 * in one backward pass — the decoder appears only in the guidance loss and the regulariser does
 * not depend on e_t or D, so this is the same arithmetic as the authors' separate passes.
 */
export class HypernetFamily implements FamilyState {
  readonly hnet: ChunkedHypernet
  theta: tf.Tensor1D
  embeddings: tf.Tensor1D[] = []

  constructor(private readonly ctx: LearnerContext) {
    this.hnet = new ChunkedHypernet(ctx.cfg, ctx.shapes)
    this.theta = tf.keep(tf.tensor1d(this.hnet.initTheta(rng(ctx.seed, Purpose.hnetInit))))
  }

  weightsOf(j: number): tf.Tensor[] {
    const e = tf.reshape(this.embeddings[j], [1, -1]) as tf.Tensor2D
    return unflatten(this.hnet.generate(this.theta, e).flat, this.ctx.shapes)
  }

  /** Task t's N(0, 1) embedding draw: the one a 'random'-initialised e_t starts from. */
  private freshEmbedding(t: number): Float32Array {
    return gaussianArray(this.hnet.embSize, rng(this.ctx.seed, Purpose.taskEmbedding, t))
  }

  initialWeights(t: number): tf.Tensor[] {
    const e = tf.tensor2d(this.freshEmbedding(t), [1, this.hnet.embSize])
    return unflatten(this.hnet.generate(this.theta, e).flat, this.ctx.shapes)
  }

  counts(): { shared: number; perTask: number } {
    return { shared: this.hnet.size, perTask: this.hnet.embSize }
  }

  guideTarget(t: number, transferRow: number[]): number[] | null {
    const { cfg, method, seed } = this.ctx
    if (t >= 2 && method === 'hemb') {
      const distances = distanceTargets(transferRow, cfg.distanceMap, cfg.distanceEpsilon)
      // ê lives in the task-embedding part (the first te values) of each learned embedding.
      const prev = this.embeddings.map((e) => valuesOf(e).subarray(0, this.hnet.te))
      const fit = fitHEmbedding(prev, distances, {
        steps: cfg.hembSteps,
        lr: cfg.hembLr,
        seed: rng(seed, Purpose.hembFit, t)() * 2 ** 31
      })
      return Array.from(fit.embedding)
    }
    if (t >= 2 && method === 'hnet-random')
      return Array.from(gaussianArray(cfg.hnet.taskEmbeddingSize, rng(seed, Purpose.randomGuide, t)))
    return null
  }

  prepare(run: TaskRun, guideTarget: number[] | null, resume?: TrainCheckpoint): void {
    const ctx = this.ctx
    const { cfg, seed, spec, shapes } = ctx
    const { t, sampler, slots } = run
    const c = run.numClasses
    const hnet = this.hnet
    const te = hnet.te
    const embSize = hnet.embSize
    const lambdaT = Math.min(cfg.betaEmb * t, 1)
    slots.theta = makeSlot(ctx, 'theta', cfg.lr, () => valuesOf(this.theta), resume)
    const embInit = (): Float32Array => {
      const init = cfg.hnet.embeddingInit
      if (init === 'previous' && t > 0) return valuesOf(this.embeddings[t - 1])
      const fresh = this.freshEmbedding(t)
      if (init === 'target' && guideTarget) fresh.set(guideTarget)
      return fresh
    }
    slots.emb = makeSlot(ctx, 'emb', cfg.embeddingLr, embInit, resume)
    const guideOn = guideTarget !== null && cfg.betaEmb > 0
    const lastHidden = hnet.hidden[hnet.hidden.length - 1]
    const decIn = cfg.guidanceInput === 'mean' ? lastHidden : hnet.hiddenSize
    let guide: tf.Tensor1D | undefined
    if (guideOn) {
      guide = tf.keep(tf.tensor1d(guideTarget!))
      run.owned.push(guide)
      const dShapes = decoderShapes(decIn, cfg.decoderHidden, te)
      slots.dec = makeSlot(
        ctx,
        'dec',
        cfg.decoderLr,
        () => initDecoder(dShapes, rng(seed, Purpose.decoderInit, t)),
        resume
      )
    }
    const reg = t > 0 && cfg.beta > 0 ? this.regularizer() : undefined
    if (reg) run.owned.push(reg)
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
        const gen = hnet.generate(theta, tf.reshape(emb, [1, embSize]) as tf.Tensor2D, guideOn)
        const lt = mainNetLoss(spec, shapes, gen.flat, x, labels, c, stats)
        if (!guideOn) return lt
        const hid = cfg.guidanceInput === 'mean' ? tf.mean(gen.hidden!, 0, true) : tf.reshape(gen.hidden!, [1, -1])
        const lg = guidanceLoss(decFlat!, dShapes, hid as tf.Tensor2D, guide!, lambdaT)
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
      if (reg) {
        const r = tf.tidy(() => {
          const subset =
            cfg.regSubsample > 0 && cfg.regSubsample < reg.n
              ? sampleIndices(reg.n, cfg.regSubsample, rng(seed, Purpose.regSubset, t, s))
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
  }

  /** Targets W_j* = h(e_j, Θ*) with Θ* the hypernet before this task (kept in Gram form). */
  private regularizer(): OutputRegularizer {
    const E = tf.stack(this.embeddings) as tf.Tensor2D
    const reg = new OutputRegularizer(this.hnet, this.theta, E, this.ctx.cfg.beta)
    E.dispose()
    return reg
  }

  commit(run: TaskRun, _train: LabelledSet): void {
    const s = run.slots
    this.theta.dispose()
    this.theta = s.theta.value
    this.embeddings.push(s.emb.value)
    s.theta.adam.dispose()
    s.emb.adam.dispose()
    if (s.dec) {
      s.dec.value.dispose()
      s.dec.adam.dispose()
    }
  }

  tensors(): TensorRecord[] {
    return [tensorRecord('theta', this.theta), ...indexedRecords('embedding', this.embeddings)]
  }

  load(get: TensorGetter, n: number): void {
    this.theta.dispose()
    this.theta = get('theta', this.hnet.size)
    for (let j = 0; j < n; j++) this.embeddings.push(get(`embedding/${j}`, this.hnet.embSize))
  }

  dispose(): void {
    this.hnet.dispose()
    tf.dispose([this.theta, ...this.embeddings])
  }
}
