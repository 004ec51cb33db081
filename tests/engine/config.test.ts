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
    expect(c.lr).toBe(1e-3)
  })

  it('merges nested partial objects over the defaults', () => {
    const c = resolveConfig({ hnet: { chunkSize: 500 }, steps: 7 })
    expect(c.hnet.chunkSize).toBe(500)
    expect(c.hnet.hidden).toEqual([100, 75, 50])
    expect(c.steps).toBe(7)
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
