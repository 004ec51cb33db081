import { join } from 'node:path'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { defaultEngineConfig, resolveConfig } from '../../src/shared/domain/engineConfig'
import { loadConfigArg, namedConfigNames } from '../../src/service/namedConfigs'
import { KeizokuError } from '../../src/shared/errors'

describe('named engine configs', () => {
  it('ships the authors’ Permuted-MNIST setup and the product defaults, both valid', () => {
    expect(namedConfigNames()).toEqual(expect.arrayContaining(['authors-pmnist', 'product-defaults']))
    for (const name of namedConfigNames()) expect(() => resolveConfig(loadConfigArg(name).config)).not.toThrow()
    const authors = loadConfigArg('authors-pmnist')
    expect(authors.name).toBe('authors-pmnist')
    const a = resolveConfig(authors.config)
    expect([a.hnet.layout, a.hnet.taskEmbeddingSize, a.mainNet.headSize, a.guidanceInput]).toEqual([
      'torch',
      64,
      100,
      'flatten'
    ])
    // The authors' optimiser, whatever the product defaults: constant lr 1e-3 (its runs replay).
    expect([a.lr, a.lrSchedule, a.lrWarmupFraction]).toEqual([1e-3, 'constant', 0])
  })

  it('product-defaults is the shipped defaults written out in full (so it replays them after they change)', () => {
    const d = loadConfigArg('product-defaults').config
    expect(resolveConfig(d)).toEqual(defaultEngineConfig)
    expect(Object.keys(d).sort()).toEqual(
      Object.keys(defaultEngineConfig)
        .filter((k) => k !== 'seed')
        .sort()
    )
    for (const key of ['mainNet', 'hnet'] as const) {
      expect(Object.keys(d[key] as object).sort()).toEqual(Object.keys(defaultEngineConfig[key]).sort())
    }
  })

  it('reads a path, and names the shipped configs when a name is unknown', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kz-cfg-')), 'mine.json')
    writeFileSync(file, '{"steps": 7}')
    expect(loadConfigArg(file)).toEqual({ name: null, path: file, config: { steps: 7 } })
    try {
      loadConfigArg('no-such-config')
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(KeizokuError)
      expect((err as KeizokuError).message).toContain('no named config "no-such-config"')
      expect((err as KeizokuError).hint).toContain('authors-pmnist')
    }
    writeFileSync(file, '[1]')
    expect(() => loadConfigArg(file)).toThrow(/must be a JSON object/)
  })
})
