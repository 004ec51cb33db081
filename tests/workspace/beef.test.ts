import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkspace } from '../../src/workspace'
import { cli, tempDir } from './helpers'

// The shared data folder beside the repository; the copy shipped for the demo otherwise.
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'data', 'beef-enose')
const DATA = existsSync(SHARED) ? SHARED : join(__dirname, '..', '..', 'resources', 'demo', 'beef-enose')
const FILES = readdirSync(DATA)
  .filter((f) => f.endsWith('.csv'))
  .sort()

/** Sensor readings have two decimals: a row's key is its 11 values in hundredths. */
const keyOf = (values: number[]): string => values.map((v) => Math.round(v * 100)).join(',')

/** Raw rows of a cut: sensor key → the hours (⌊(Minute − 1)/60⌋) it occurs in. */
function hoursBySensors(file: string): Map<string, Set<number>> {
  const [header, ...lines] = readFileSync(join(DATA, file), 'utf8').trim().split(/\r?\n/)
  const cols = header.split(',')
  const sensors = cols.map((c, i) => (c.startsWith('MQ') ? i : -1)).filter((i) => i >= 0)
  const minute = cols.indexOf('Minute')
  const map = new Map<string, Set<number>>()
  for (const line of lines) {
    const f = line.split(',')
    const key = keyOf(sensors.map((i) => Number(f[i])))
    const hours = map.get(key) ?? new Set<number>()
    hours.add(Math.floor((Number(f[minute]) - 1) / 60))
    map.set(key, hours)
  }
  return map
}

describe('beef-cut e-nose data (real CSVs)', () => {
  it('imports all eight cuts with --group-by Minute/60: 11 features, 4 classes, no hour on both sides', async () => {
    expect(FILES).toHaveLength(8)
    const dir = join(tempDir(), 'beef')
    expect((await cli(['init', dir])).code).toBe(0)
    for (const f of FILES) {
      const r = await cli([
        'task',
        'add',
        dir,
        '--name',
        f.replace(/\.csv$/, ''),
        '--csv',
        join(DATA, f),
        '--label',
        'Label',
        '--ignore',
        'TVC,Minute',
        '--group-by',
        'Minute/60',
        '--json'
      ])
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
    }
    const list = await cli(['task', 'list', dir, '--json'])
    const tasks = JSON.parse(list.out) as Array<{
      id: number
      name: string
      inputShape: number[]
      numClasses: number
      classNames: string[]
      nTrain: number
      nTest: number
      holdout: { testGroups: number[]; trainGroups: number[] }
      stats: { featureNames: string[]; mean: number[]; std: number[] }
    }>
    expect(tasks).toHaveLength(8)
    const ws = openWorkspace(dir)
    try {
      for (const [i, t] of tasks.entries()) {
        expect(t.inputShape).toEqual([11])
        expect(t.numClasses).toBe(4)
        expect(t.classNames).toEqual(['1', '2', '3', '4'])
        expect(t.stats.featureNames.every((n) => n.startsWith('MQ'))).toBe(true)
        expect(t.nTrain + t.nTest).toBe(2220)
        const testHours = new Set(t.holdout.testGroups)
        expect(t.holdout.trainGroups.filter((h) => testHours.has(h))).toEqual([])
        // Check against the raw file: un-standardise every stored row, find its hour(s), and
        // require that no hour has rows on both sides.
        const byKey = hoursBySensors(FILES[i])
        const data = ws.loadTaskData(t.id)
        const sides = [data.train, data.test].map((set) => {
          const hours = new Set<number>()
          for (let r = 0; r < set.n; r++) {
            // x·std + mean undoes the standardisation up to float32 rounding, far below 0.005.
            const found = byKey.get(
              keyOf(Array.from({ length: 11 }, (_, j) => set.x[r * 11 + j] * t.stats.std[j] + t.stats.mean[j]))
            )
            expect(found).toBeDefined()
            for (const h of found ?? []) hours.add(h)
          }
          return hours
        })
        const both = [...sides[0]].filter((h) => sides[1].has(h))
        expect(both).toEqual([])
        expect([...sides[1]].sort((a, b) => a - b)).toEqual([...testHours].sort((a, b) => a - b))
        // every class is on both sides
        expect(new Set(data.test.y).size).toBe(4)
        expect(new Set(data.train.y).size).toBe(4)
      }
    } finally {
      ws.close()
    }
  }, 60_000)
})
