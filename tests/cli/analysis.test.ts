import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') })
  return { code, out, err }
}

const fixtures = join(__dirname, '../engine/fixtures')
const hRef = JSON.parse(readFileSync(join(fixtures, 'hscore-reference.json'), 'utf8')) as {
  cases: Array<{ name: string; features: number[][]; labels: number[]; hscore: number }>
}
const mRef = JSON.parse(readFileSync(join(fixtures, 'metrics-reference.json'), 'utf8')) as {
  cases: Array<{
    name: string
    R: number[][]
    b: number[]
    average_accuracy: number
    bwt: number
    fwt: number
    forgetting: number
  }>
}

const dir = mkdtempSync(join(tmpdir(), 'keizoku-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

/** A failure: non-zero exit, nothing on stdout, one line on stderr matching `pattern`. */
async function expectError(args: string[], pattern: RegExp): Promise<void> {
  const r = await cli(args)
  expect(r.code).not.toBe(0)
  expect(r.out).toBe('')
  expect(r.err.trim().split('\n')).toHaveLength(1)
  expect(r.err).toMatch(pattern)
}

describe('keizoku hscore', () => {
  it.each(hRef.cases.map((c) => [c.name, c] as const))('prints the reference H-score: %s', async (name, c) => {
    // CRLF line endings and spaces after commas on purpose: both are common in exported CSVs
    const features = file(`${name}.csv`, c.features.map((r) => r.join(', ')).join('\r\n') + '\r\n')
    const labels = file(`${name}.labels`, c.labels.join('\n') + '\n')
    const r = await cli(['hscore', '--features', features, '--labels', labels, '--json'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(Math.abs(doc.hscore - c.hscore) / c.hscore).toBeLessThan(1e-9)
    expect(doc.n).toBe(c.labels.length)
    const human = await cli(['hscore', '--features', features, '--labels', labels])
    expect(human.out).toMatch(/^H-score \d/)
    expect(Number(human.out.split(' ')[1])).toBeCloseTo(c.hscore, 9)
  })

  it('reports ragged rows, bad cells, bad labels and count mismatches precisely', async () => {
    const labels3 = file('l3.txt', '0\n1\n0\n')
    await expectError(
      ['hscore', '--features', file('ragged.csv', '1,2\n3,4,5\n6,7\n'), '--labels', labels3],
      /ragged\.csv line 2 has 3 values but line 1 has 2/
    )
    await expectError(
      ['hscore', '--features', file('cell.csv', '1,2\n3,abc\n6,7\n'), '--labels', labels3],
      /cell\.csv line 2, column 2: "abc" is not a finite number/
    )
    await expectError(
      ['hscore', '--features', file('head.csv', 'a,b\n3,4\n6,7\n'), '--labels', labels3],
      /line 1, column 1: "a".*no header row/
    )
    await expectError(
      ['hscore', '--features', file('semi.csv', '1;2\n3;4\n6;7\n'), '--labels', labels3],
      /"1;2" is not a finite number.*Separate the values with commas/
    )
    await expectError(
      ['hscore', '--features', file('blank.csv', '1,2\n\n6,7\n'), '--labels', labels3],
      /blank\.csv line 2 is empty/
    )
    await expectError(
      ['hscore', '--features', file('nan.csv', '1,2\n3,NaN\n6,7\n'), '--labels', labels3],
      /line 2, column 2: "NaN"/
    )
    const ok = file('ok.csv', '1,2\n3,4\n6,7\n')
    await expectError(
      ['hscore', '--features', ok, '--labels', file('bad.txt', '0\n1.5\n0\n')],
      /bad\.txt line 2: "1\.5" is not a class label/
    )
    await expectError(
      ['hscore', '--features', ok, '--labels', file('two.txt', '0\n1\n')],
      /has 3 rows but .*two\.txt has 2 labels/
    )
    await expectError(
      ['hscore', '--features', join(dir, 'missing.csv'), '--labels', labels3],
      /--features file .*missing\.csv does not exist/
    )
    await expectError(['hscore', '--labels', labels3], /--features is required/)
  })
})

describe('keizoku metrics', () => {
  it.each(mRef.cases.map((c) => [c.name, c] as const))('prints the reference metrics: %s', async (name, c) => {
    const matrix = file(`${name}.R.json`, JSON.stringify(c.R))
    const baseline = file(`${name}.b.json`, JSON.stringify(c.b))
    const r = await cli(['metrics', '--matrix', matrix, '--baseline', baseline, '--json'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(Object.keys(doc).sort()).toEqual(['average_accuracy', 'bwt', 'forgetting', 'fwt'])
    for (const k of ['average_accuracy', 'bwt', 'fwt', 'forgetting'] as const)
      expect(Math.abs(doc[k] - c[k])).toBeLessThan(1e-9)
    // without a baseline: fwt null; without --json the output is JSON too
    const plain = await cli(['metrics', '--matrix', matrix])
    const doc2 = JSON.parse(plain.out)
    expect(doc2.fwt).toBeNull()
    expect(doc2.bwt).toBeCloseTo(c.bwt, 12)
  })

  it('reports malformed input with file, row and column', async () => {
    await expectError(['metrics', '--matrix', file('bad.json', '[[0.9, 0.1], [0.8')], /bad\.json is not valid JSON/)
    await expectError(['metrics', '--matrix', file('obj.json', '{"R": 1}')], /must hold a JSON array of rows/)
    await expectError(
      ['metrics', '--matrix', file('pct.json', '[[90, 10], [85, 95]]')],
      /R row 0, column 0 is 90; accuracies must be numbers in \[0, 1\]/
    )
    await expectError(['metrics', '--matrix', file('rag.json', '[[0.9, 0.1], [0.8]]')], /R row 1 has 1 entries/)
    const R = file('R.json', '[[0.9, 0.1], [0.8, 0.9]]')
    await expectError(['metrics', '--matrix', R, '--baseline', file('b.json', '[0.1]')], /baseline b has 1 entries/)
    await expectError(['metrics', '--matrix', R, '--baseline', file('bo.json', '{"b": 1}')], /one accuracy per task/)
  })
})
