import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../src/engine/backend'
import { createLearner, restoreLearner } from '../../src/engine/learner'
import type { Learner, TrainCheckpoint } from '../../src/engine/types'
import { METHODS, type Method } from '../../src/shared/domain/methods'
import { KeizokuError } from '../../src/shared/errors'
import { TINY, blobTask } from './helpers'

const tasks = [0, 1, 2].map((t) => blobTask(t, 5))
const make = (method: Method, extra: Record<string, unknown> = {}): Learner =>
  createLearner({ method, seed: 7, inputShape: [6], config: { ...TINY, ...extra } })

async function learnAll(l: Learner, n = 3): Promise<void> {
  for (let t = 0; t < n; t++) await l.learnTask(tasks[t])
}

function allWeights(l: Learner): Float32Array[] {
  return Array.from({ length: l.tasksLearned }, (_, j) => l.generatedWeights(j))
}

describe('Learner', () => {
  beforeAll(async () => {
    await initBackend({ KEIZOKU_BACKEND: 'wasm' })
  })

  it.each(METHODS.map((m) => [m]))(
    '%s learns three small tasks well above chance',
    async (method) => {
      const l = make(method, { steps: 80, lr: 0.01 })
      await learnAll(l)
      const acc = tasks.map((d, j) => l.evaluate(j, d.test))
      expect(Math.min(...acc)).toBeGreaterThan(0.6)
      const counts = l.parameterCounts()
      expect(counts.mainNet).toBe(6 * 12 + 12 + 12 * 3 + 3)
      if (method === 'independent') expect(counts.perTask).toBe(counts.mainNet)
      if (method.startsWith('h')) expect(counts.perTask).toBe(4)
      const net = l.mainNetwork(1)
      expect(net.tensors.map((t) => t.shape)).toEqual([[6, 12], [12], [12, 3], [3]])
      l.dispose()
    },
    120_000
  ) // seconds on an idle machine; margin for a shared one

  it('trains the CNN main net (im2col convolution) on wasm through the hypernetwork', async () => {
    const img = [0, 1].map((t) => blobTask(t, 9, 64))
    const l = createLearner({
      method: 'hnet',
      seed: 3,
      inputShape: [64],
      config: { ...TINY, mainNet: { kind: 'cnn', convFilters: [4, 4], hidden: [8], headSize: 3 }, steps: 80, lr: 0.005 }
    })
    for (const d of img) await l.learnTask(d)
    expect(tf.getBackend()).toBe('wasm')
    expect(Math.min(...img.map((d, j) => l.evaluate(j, d.test)))).toBeGreaterThan(0.6)
    const net = l.mainNetwork(0)
    expect(net.spec.kind).toBe('cnn')
    expect(net.tensors[0]).toMatchObject({ name: 'conv_0/kernel', shape: [3, 3, 1, 4] })
    l.dispose()
  })

  // 600 steps: the loss curve samples every ⌈600 / 500⌉ = 2nd step, so steps that read nothing
  // back run too.
  it.each(['hnet', 'finetune', 'ewc', 'independent'] as const)(
    'keeps tf.memory().numTensors constant across %s training steps, with and without read-back',
    async (method) => {
      const l = make(method, { steps: 600 })
      await learnAll(l, 2)
      const counts: number[] = []
      const res = await l.learnTask(tasks[2], {
        shouldStop: () => {
          counts.push(tf.memory().numTensors)
          return false
        }
      })
      expect(counts.length).toBe(600)
      expect(new Set(counts.slice(1)).size).toBe(1)
      expect(res.lossCurve.length).toBe(301) // steps 0, 2, …, 598 and the last one
      l.dispose()
    },
    120_000
  )

  it('keeps tf.memory().numTensors constant across training steps (hemb with guidance and regulariser)', async () => {
    const l = make('hemb', { steps: 15 })
    await learnAll(l, 2)
    const counts: number[] = []
    await l.learnTask(tasks[2], {
      shouldStop: () => {
        counts.push(tf.memory().numTensors)
        return false
      }
    })
    expect(counts.length).toBe(15)
    expect(new Set(counts.slice(1)).size).toBe(1)
    l.dispose()
  })

  it.each([
    [{ regSubsample: 1 }],
    [{ lookahead: false }],
    [{ guidanceInput: 'flatten', hnet: { ...TINY.hnet, embeddingInit: 'target' } }],
    [{ hnet: { ...TINY.hnet, embeddingInit: 'previous' } }],
    [{ hnet: { ...TINY.hnet, chunkEmbeddings: 'per-task' } }],
    [{ lrSchedule: 'cosine' }]
  ])(
    'hemb runs with %j',
    async (extra) => {
      const l = make('hemb', { steps: 40, lr: 0.005, ...extra })
      const counts: number[] = []
      await learnAll(l, 2)
      const res = await l.learnTask(tasks[2], {
        shouldStop: () => {
          counts.push(tf.memory().numTensors)
          return false
        }
      })
      expect(new Set(counts.slice(1)).size).toBe(1)
      expect(res.lossCurve[0].reg).toBeGreaterThanOrEqual(0)
      expect(res.lossCurve[0].guide).toBeGreaterThan(0)
      expect(Math.min(...tasks.map((d, j) => l.evaluate(j, d.test)))).toBeGreaterThan(0.6)
      l.dispose()
    },
    120_000
  )

  it('is deterministic: same seed and backend give identical weights and accuracies', async () => {
    const a = make('hemb')
    const b = make('hemb')
    await learnAll(a)
    await learnAll(b)
    const wa = allWeights(a)
    const wb = allWeights(b)
    wa.forEach((w, j) => expect(Buffer.from(w.buffer).equals(Buffer.from(wb[j].buffer))).toBe(true))
    expect(tasks.map((d, j) => a.evaluate(j, d.test))).toEqual(tasks.map((d, j) => b.evaluate(j, d.test)))
    const c = createLearner({ method: 'hemb', seed: 8, inputShape: [6], config: TINY })
    await learnAll(c, 1)
    expect(Buffer.from(c.generatedWeights(0).buffer).equals(Buffer.from(wa[0].buffer))).toBe(false)
    tf.dispose()
    a.dispose()
    b.dispose()
    c.dispose()
  })

  it.each([
    ['hemb', 'constant'],
    ['ewc', 'constant'],
    ['independent', 'constant'],
    ['hemb', 'cosine'],
    ['ewc', 'cosine'],
    ['hemb', 'cosine+warmup']
  ] as Array<[Method, string]>)(
    '%s (lrSchedule %s): stop after a checkpoint, resume, and get bit-identical results',
    async (method, lrSchedule) => {
      // The warm-up (half of 20 steps) is still ramping at the checkpoint (step 7): the resume lands inside it.
      const sched = lrSchedule === 'cosine+warmup' ? { lrSchedule: 'cosine', lrWarmupFraction: 0.5 } : { lrSchedule }
      const full = make(method, { steps: 20, ...sched })
      await learnAll(full)
      const part = make(method, { steps: 20, ...sched })
      await learnAll(part, 2)
      const before = allWeights(part)
      let saved: TrainCheckpoint | undefined
      await expect(
        part.learnTask(tasks[2], {
          checkpointEvery: 7,
          onCheckpoint: (c) => {
            saved ??= c
          },
          shouldStop: () => saved !== undefined
        })
      ).rejects.toMatchObject({ code: 'cancelled' })
      expect(saved?.step).toBe(7)
      // Cancelled: the learner is exactly as before the call.
      expect(part.tasksLearned).toBe(2)
      allWeights(part).forEach((w, j) => expect(Buffer.from(w.buffer).equals(Buffer.from(before[j].buffer))).toBe(true))
      // Resume from a JSON round trip of the checkpoint's meta (as a service would store it).
      const resume: TrainCheckpoint = {
        ...saved!,
        meta: JSON.parse(JSON.stringify(saved!.meta)) as Record<string, unknown>
      }
      await part.learnTask(tasks[2], { resume })
      const a = allWeights(full)
      const b = allWeights(part)
      a.forEach((w, j) => expect(Buffer.from(w.buffer).equals(Buffer.from(b[j].buffer))).toBe(true))
      full.dispose()
      part.dispose()
    }
  )

  it('snapshot → restoreLearner gives bit-identical generated weights and evaluations, and trains on identically', async () => {
    for (const method of ['hemb', 'ewc', 'finetune', 'independent'] as Method[]) {
      const l = make(method)
      await learnAll(l, 2)
      const snap = l.snapshot()
      const r = restoreLearner(JSON.parse(JSON.stringify({ ...snap, tensors: [] })) && { ...snap })
      expect(r.tasksLearned).toBe(2)
      const wl = allWeights(l)
      allWeights(r).forEach((w, j) => expect(Buffer.from(w.buffer).equals(Buffer.from(wl[j].buffer))).toBe(true))
      expect([0, 1].map((j) => r.evaluate(j, tasks[j].test))).toEqual([0, 1].map((j) => l.evaluate(j, tasks[j].test)))
      await l.learnTask(tasks[2])
      await r.learnTask(tasks[2])
      const a = allWeights(l)
      allWeights(r).forEach((w, j) => expect(Buffer.from(w.buffer).equals(Buffer.from(a[j].buffer))).toBe(true))
      l.dispose()
      r.dispose()
    }
  })

  it('refuses a format-1 hypernet snapshot or checkpoint and still reads a format-1 baseline snapshot', async () => {
    const h = make('hnet', { steps: 5 })
    let checkpoint: TrainCheckpoint | undefined
    await h.learnTask(tasks[0], { checkpointEvery: 2, onCheckpoint: (c) => (checkpoint ??= c) })
    const old = { ...h.snapshot(), meta: { ...h.snapshot().meta, format: 1 } }
    expect(() => restoreLearner(old)).toThrow(/format 1: it was trained before the hypernetwork's weight layout/)
    try {
      restoreLearner(old)
    } catch (err) {
      expect((err as KeizokuError).hint).toMatch(/Retrain/)
    }
    expect(() => restoreLearner({ ...old, meta: { ...old.meta, format: 99 } })).toThrow(/reads up to 2/)
    expect(checkpoint?.meta.format).toBe(2)
    const fresh = make('hnet', { steps: 5 })
    const oldCk = { ...checkpoint!, meta: { ...checkpoint!.meta, format: undefined } }
    await expect(fresh.learnTask(tasks[0], { resume: oldCk })).rejects.toThrow(
      /checkpoint of a "hnet" model has format 1/
    )
    const ind = make('independent', { steps: 5 })
    await ind.learnTask(tasks[0])
    const indOld = restoreLearner({ ...ind.snapshot(), meta: { ...ind.snapshot().meta, format: 1 } })
    expect(indOld.evaluate(0, tasks[0].test)).toBe(ind.evaluate(0, tasks[0].test))
    for (const l of [h, fresh, ind, indOld]) l.dispose()
  })

  it('reports progress at a bounded rate and rejects bad input with precise errors', async () => {
    const l = make('hnet', { steps: 10 })
    const seen: number[] = []
    const res = await l.learnTask(tasks[0], { onProgress: (p) => seen.push(p.step) })
    expect(seen[seen.length - 1]).toBe(10)
    expect(seen.length).toBeLessThanOrEqual(3)
    expect(res.lossCurve.length).toBe(10)
    expect(res.transferRow).toEqual([])
    const res2 = await l.learnTask(tasks[1])
    expect(res2.transferRow.length).toBe(1)
    expect(res2.lossCurve[0].reg).toBeDefined()
    const wrong = blobTask(3, 5, 4)
    await expect(l.learnTask(wrong)).rejects.toThrow(/input shape \[6\] needs 6 per row/)
    const many = { ...tasks[0], train: { ...tasks[0].train, numClasses: 5 } }
    await expect(l.learnTask(many)).rejects.toBeInstanceOf(KeizokuError)
    expect(() => l.evaluate(5, tasks[0].test)).toThrow(
      /^Task number 6 has not been learned; this learner knows \d+ task\(s\), numbered from 1/
    )
    l.dispose()
  })
})
