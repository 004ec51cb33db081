import { describe, expect, it } from 'vitest'
import { defaultEngineConfig, engineConfigSchema, resolveConfig } from '../../src/shared/domain/engineConfig'

describe('engine config', () => {
  it('has valid defaults matching the documented setup', () => {
    expect(engineConfigSchema.parse(defaultEngineConfig)).toEqual(defaultEngineConfig)
    const c = resolveConfig({})
    expect(c.mainNet.hidden).toEqual([100, 100])
    expect(c.hnet.chunkSize).toBe(2000)
    expect(c.hnet.hidden).toEqual([100, 75, 50])
    expect(c.hnet.taskEmbeddingSize).toBe(32)
    expect(c.decoderHidden).toBe(512)
    expect(c.batchSize).toBe(128)
    // Third pass of issue 13: peak 2e-3 with a cosine decay per task (mean rate 1e-3).
    expect(c.lr).toBe(2e-3)
    expect(c.lrSchedule).toBe('cosine')
    // Fourth pass: a linear warm-up over the first 3 % of each task's steps.
    expect(c.lrWarmupFraction).toBe(0.03)
    expect(c.hnet.chunkEmbeddings).toBe('shared')
    expect(c.hnet.embeddingInit).toBe('random')
  })

  it('refuses an unknown lrSchedule, chunkEmbeddings or embeddingInit, naming the allowed values', () => {
    expect(() => resolveConfig({ lrWarmupFraction: -0.1 })).toThrow(
      /lrWarmupFraction: lrWarmupFraction must be between 0 and 0.5/
    )
    expect(() => resolveConfig({ lrWarmupFraction: 30 })).toThrow(/lrWarmupFraction must be between 0 and 0.5/)
    expect(() => resolveConfig({ lrWarmup: 30 })).toThrow(/lrWarmup/)
    expect(() => resolveConfig({ lrSchedule: 'linear' })).toThrow(/lrSchedule must be "constant" or "cosine"/)
    expect(() => resolveConfig({ hnet: { chunkEmbeddings: 'each' } })).toThrow(
      /hnet.chunkEmbeddings must be "shared" or "per-task"/
    )
    expect(() => resolveConfig({ hnet: { embeddingInit: 'last' } })).toThrow(
      /hnet.embeddingInit must be "random", "target" or "previous"/
    )
  })

  it('merges nested partial objects over the defaults', () => {
    const c = resolveConfig({ hnet: { chunkSize: 500 }, steps: 7 })
    expect(c.hnet.chunkSize).toBe(500)
    expect(c.hnet.hidden).toEqual([100, 75, 50])
    expect(c.steps).toBe(7)
  })

  it('refuses sizes beyond the stated limits, naming the limit (no 2.6 GB run, no 1e12 steps)', () => {
    expect(() => resolveConfig({ mainNet: { hidden: [100000, 100000] } })).toThrow(
      'mainNet.hidden.0: mainNet.hidden[i] must be at most 4,096; mainNet.hidden.1: mainNet.hidden[i] must be at most 4,096'
    )
    expect(() => resolveConfig({ steps: 1e12 })).toThrow('steps: steps must be at most 1,000,000')
    expect(() => resolveConfig({ hnet: { hidden: [4096, 4096], chunkSize: 100000 } })).toThrow(
      /hnet: the hypernetwork would have 427 M parameters, about 6\.4 GiB with its optimiser state; the limit is 1 GiB/
    )
    expect(resolveConfig({ steps: 1_000_000, mainNet: { hidden: [4096] } }).steps).toBe(1_000_000)
  })

  it('rejects nonsense with messages naming the field', () => {
    expect(() => resolveConfig({ steps: -5 })).toThrow(/steps: steps must be at least 1/)
    expect(() => resolveConfig({ lr: NaN })).toThrow(/lr: lr must be a finite number/)
    expect(() => resolveConfig({ beta: -1 })).toThrow(/beta: beta must be 0 or more/)
    expect(() => resolveConfig({ hnet: { chunkSize: 1.5 } })).toThrow(
      /hnet\.chunkSize: hnet\.chunkSize must be a whole number/
    )
    expect(() => resolveConfig({ distanceMap: 'cosine' })).toThrow(/distanceMap/)
    expect(() => resolveConfig({ bogus: 1 })).toThrow(/bogus|Unrecognized/i)
    expect(() => resolveConfig([1, 2])).toThrow(/must be a JSON object/)
  })
})
