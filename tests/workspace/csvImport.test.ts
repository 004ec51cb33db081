import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  addTaskFromSource,
  DatasetProblemsError,
  importDataset,
  openWorkspace,
  previewDataset,
  type DatasetSource,
  type Problem
} from '../../src/workspace'
import { readCsvRecords } from '../../src/workspace/import/csvReader'
import { sniffDelimiter } from '../../src/workspace/import/csv'
import { splitHoldout } from '../../src/workspace/import/holdout'
import { makeCsv, tempDir, writeFile } from './helpers'

async function records(text: string, delimiter = ','): Promise<Array<[string[], number]>> {
  const p = writeFile(tempDir(), 'r.csv', text)
  const out: Array<[string[], number]> = []
  await readCsvRecords(p, delimiter, (f, line) => out.push([f, line]))
  return out
}

async function importErrors(source: DatasetSource): Promise<Problem[]> {
  try {
    await importDataset(source)
  } catch (err) {
    if (err instanceof DatasetProblemsError) return err.problems.filter((p) => p.severity === 'error')
    throw err
  }
  throw new Error('import unexpectedly succeeded')
}

function csvSource(
  text: string,
  extra: Partial<Extract<DatasetSource, { kind: 'csv' }>> = {},
  name = 'data.csv'
): Extract<DatasetSource, { kind: 'csv' }> {
  return { kind: 'csv', path: writeFile(tempDir(), name, text), label: 'label', ...extra }
}

describe('RFC 4180 record reader', () => {
  it('reads quoted delimiters, doubled quotes, newlines inside quotes, CRLF, CR, a BOM and skips blank lines', async () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""",3\r\n\r\n"multi\nline",2,"3"\rlast,,\n'
    expect(await records(text)).toEqual([
      [['a', 'b', 'c'], 1],
      [['x, y', 'say "hi"', '3'], 2],
      [['multi\nline', '2', '3'], 4],
      [['last', '', ''], 6]
    ])
  })

  it('handles a record cut across stream chunks and a file without a final newline', async () => {
    const long = 'q'.repeat(3 * 1024 * 1024)
    const out = await records(`h1,h2\n"${long}",1\nend,2`)
    expect(out).toHaveLength(3)
    expect(out[1][0][0]).toHaveLength(long.length)
    expect(out[2]).toEqual([['end', '2'], 3])
  })

  it('sniffs comma, semicolon, tab and pipe delimiters, ignoring delimiters inside quotes', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n', false)).toBe(',')
    expect(sniffDelimiter('a;b;c\n"1,5";2;3\n', false)).toBe(';')
    expect(sniffDelimiter('a\tb\n1\t2\n', false)).toBe('\t')
    expect(sniffDelimiter('a|b|c\n1|2|3\n', false)).toBe('|')
  })
})

describe('CSV import', () => {
  it('imports a TSV with a text label, ignored columns and standardisation from the training rows only', async () => {
    const src = csvSource(
      makeCsv({ rows: 100, features: 4, classes: 2, delimiter: '\t' }).replace('f3', 'timestamp'),
      { ignore: ['timestamp'] },
      'data.tsv'
    )
    const ds = await importDataset(src, { holdout: { fraction: 0.2, seed: 3 } })
    expect(ds.schema).toMatchObject({
      features: ['f0', 'f1', 'f2'],
      label: 'label',
      ignored: ['timestamp'],
      delimiter: '\t',
      hasHeader: true
    })
    expect(ds.data.classNames).toEqual(['class0', 'class1'])
    expect(ds.data.train.inputShape).toEqual([3])
    expect([ds.data.train.n, ds.data.test.n]).toEqual([80, 20])
    expect(ds.classCounts).toEqual({ train: [40, 40], test: [10, 10] })
    // Standardised with the train part's mean/std: the train features have mean 0 and std 1 …
    const d = 3
    for (let j = 0; j < d; j++) {
      let s = 0
      let ss = 0
      for (let i = 0; i < ds.data.train.n; i++) s += ds.data.train.x[i * d + j]
      const mean = s / ds.data.train.n
      for (let i = 0; i < ds.data.train.n; i++) ss += (ds.data.train.x[i * d + j] - mean) ** 2
      expect(mean).toBeCloseTo(0, 5)
      expect(Math.sqrt(ss / (ds.data.train.n - 1))).toBeCloseTo(1, 5)
    }
    // … and a holdout row is (raw − train mean) / train std.
    const rawRow = ds.testRowIndices?.[0] as number
    const rawLine = makeCsv({ rows: 100, features: 4, classes: 2, delimiter: '\t' }).split('\n')[rawRow + 1].split('\t')
    const stats = ds.stats as NonNullable<typeof ds.stats>
    expect(ds.data.test.x[0]).toBeCloseTo((Number(rawLine[0]) - stats.mean[0]) / stats.std[0], 4)
    expect(stats.featureNames).toEqual(['f0', 'f1', 'f2'])
  })

  it('detects a missing header and names columns col1…colN; numeric labels sort numerically', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i * 0.1},${(i * 7) % 5},${[2, 10, 1][i % 3]}`)
    const ds = await importDataset(csvSource(lines.join('\n'), { label: 'col3' }))
    expect(ds.schema.hasHeader).toBe(false)
    expect(ds.schema.features).toEqual(['col1', 'col2'])
    expect(ds.data.classNames).toEqual(['1', '2', '10'])
    expect(ds.data.train.n + ds.data.test.n).toBe(20)
  })

  it('splits stratified and seeded: same seed same split, each class ~20 % held out', () => {
    const y = Int32Array.from({ length: 103 }, (_, i) => (i < 53 ? 0 : i < 93 ? 1 : 2))
    const a = splitHoldout(y, 3, null, { fraction: 0.2, seed: 5 })
    const b = splitHoldout(y, 3, null, { fraction: 0.2, seed: 5 })
    const c = splitHoldout(y, 3, null, { fraction: 0.2, seed: 6 })
    expect(Array.from(a.test)).toEqual(Array.from(b.test))
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test))
    const per = [0, 1, 2].map((k) => Array.from(a.test).filter((i) => y[i] === k).length)
    expect(per).toEqual([11, 8, 2])
    expect(a.train.length + a.test.length).toBe(103)
  })

  it('groups by a column block so no group is on both sides, stratified by the group majority', async () => {
    const rows = ['Minute,label,s1,s2']
    for (let m = 1; m <= 600; m++) rows.push(`${m},${m <= 240 ? 'a' : 'b'},${Math.sin(m)},${Math.cos(m)}`)
    const ds = await importDataset(csvSource(rows.join('\n'), { ignore: ['Minute'] }), {
      holdout: { groupBy: { column: 'Minute', size: 60 }, seed: 2 }
    })
    expect(ds.holdout.mode).toBe('grouped')
    const test = new Set(ds.holdout.testGroups)
    const train = new Set(ds.holdout.trainGroups)
    expect([...test].filter((g) => train.has(g))).toEqual([])
    expect(test.size + train.size).toBe(10)
    // every held-out row belongs to a held-out hour: hour = ⌊(Minute − 1) / 60⌋
    for (const r of ds.testRowIndices ?? []) expect(test.has(Math.floor(r / 60))).toBe(true)
    expect(ds.data.test.n).toBe(test.size * 60)
    // classes a (4 hours) and b (6 hours) both appear on both sides
    expect(ds.classCounts.test.every((c) => c > 0)).toBe(true)
    expect(ds.classCounts.train.every((c) => c > 0)).toBe(true)
  })

  it('holdout 0 keeps every row for training', async () => {
    const ds = await importDataset(csvSource(makeCsv({ rows: 12, features: 2, classes: 2 })), {
      holdout: { fraction: 0 }
    })
    expect([ds.data.train.n, ds.data.test.n]).toEqual([12, 0])
    expect(ds.holdout.mode).toBe('none')
  })
})

describe('CSV validation', () => {
  const header = 'a,b,label'
  const good = (n: number): string[] => Array.from({ length: n }, (_, i) => `${i},${i * 2},${i % 2 ? 'x' : 'y'}`)

  it('empty file and whitespace-only file', async () => {
    for (const text of ['', '\n\n  \n']) {
      const [p] = await importErrors(csvSource(text))
      expect(p.code).toBe('empty_file')
      expect(p.message).toBe('data.csv is empty.')
    }
  })

  it('header without rows', async () => {
    expect((await importErrors(csvSource(`${header}\n`)))[0].code).toBe('no_rows')
  })

  it('no label column: names the missing column and lists the real ones', async () => {
    const [p] = await importErrors(csvSource([header, ...good(6)].join('\n'), { label: 'Class' }))
    expect(p.code).toBe('no_label_column')
    expect(p.message).toContain('no column "Class"')
    expect(p.fix).toContain('a, b, label')
  })

  it('non-numeric cells: row, line and column of each', async () => {
    const rows = [header, ...good(8)]
    rows[3] = '2,abc,x'
    rows[6] = '5,7.5.1,y'
    const errs = await importErrors(csvSource(rows.join('\n')))
    expect(errs.map((e) => [e.code, e.location])).toEqual([
      ['non_numeric', { file: 'data.csv', line: 4, row: 3, column: 'b' }],
      ['non_numeric', { file: 'data.csv', line: 7, row: 6, column: 'b' }]
    ])
    expect(errs[0].message).toBe('data.csv, line 4 (row 3), column "b": "abc" is not a number.')
  })

  it('a whole text column is one problem with a count, suggesting to ignore it', async () => {
    const rows = [`date,${header}`, ...good(10).map((r, i) => `2024-01-${10 + i},${r}`)]
    const errs = await importErrors(csvSource(rows.join('\n')))
    expect(errs).toHaveLength(1)
    expect(errs[0].message).toContain('column "date": 10 cells are not usable numbers, the first at line 2')
    expect(errs[0].fix).toContain('ignore column "date"')
  })

  it('ragged rows: how many, and the first lines with their field counts', async () => {
    const rows = [header, ...good(6)]
    rows[2] = '1,2'
    rows[5] = '1,2,x,4'
    const [p] = await importErrors(csvSource(rows.join('\n')))
    expect(p.code).toBe('ragged_row')
    expect(p.message).toBe('data.csv: 2 row(s) do not have 3 fields like the header (line 3 has 2, line 6 has 4).')
  })

  it('NaN and infinity', async () => {
    const rows = [header, ...good(6)]
    rows[1] = 'NaN,1,x'
    rows[2] = '1,-Infinity,y'
    const errs = await importErrors(csvSource(rows.join('\n')))
    expect(errs.map((e) => e.code)).toEqual(['not_finite', 'not_finite'])
    expect(errs[1].location).toMatchObject({ line: 3, column: 'b' })
  })

  it('empty cells and empty labels', async () => {
    const rows = [header, ...good(6)]
    rows[1] = ',1,x'
    rows[2] = '1,2,'
    const errs = await importErrors(csvSource(rows.join('\n')))
    expect(errs.map((e) => e.code).sort()).toEqual(['missing_label', 'missing_value'])
  })

  it('a single class, and a class with fewer than 2 samples', async () => {
    const one = await importErrors(csvSource([header, '1,2,x', '3,4,x', '5,6,x'].join('\n')))
    expect(one[0]).toMatchObject({ code: 'single_class' })
    expect(one[0].message).toContain('only one class ("x")')
    const rare = await importErrors(csvSource([header, '1,2,x', '3,4,x', '5,6,y'].join('\n')))
    expect(rare[0].code).toBe('rare_class')
    expect(rare[0].message).toBe(
      'Class "y" has 1 sample; every class needs at least 2 (one to learn from, one to check).'
    )
  })

  it('a file that is not what its extension says (magic bytes), UTF-16 and an unterminated quote', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0])
    const [p] = await importErrors({ kind: 'csv', path: writeFile(tempDir(), 'book.csv', zip), label: 'label' })
    expect(p.code).toBe('wrong_file_type')
    expect(p.message).toContain('book.csv is not a CSV/TSV text file: its first bytes say it is a ZIP archive')
    expect(p.fix).toContain('CSV UTF-8')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    expect(
      (await importErrors({ kind: 'csv', path: writeFile(tempDir(), 'x.csv', png), label: 'label' }))[0].message
    ).toContain('a PNG image')
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00])
    expect(
      (await importErrors({ kind: 'csv', path: writeFile(tempDir(), 'u.csv', utf16), label: 'label' }))[0].fix
    ).toContain('UTF-8')
    const errs = await importErrors(csvSource([header, '1,2,"x', ...good(4)].join('\n')))
    expect(errs.map((e) => e.code)).toContain('unterminated_quote')
  })

  it('unknown ignore or group column, and a text group column with a block size', async () => {
    const text = [`t,${header}`, ...good(10).map((r, i) => `${i % 3 ? 'q' : 'w'},${r}`)].join('\n')
    const errs = await importErrors(csvSource(text, { ignore: ['nope'] }))
    expect(errs.map((e) => e.code)).toContain('unknown_column')
    await expect(
      importDataset(csvSource(text, { ignore: ['t'] }), { holdout: { groupBy: { column: 't', size: 10 } } })
    ).rejects.toThrow(/no number in the grouping column "t"/)
    const ok = await importDataset(csvSource(text, { ignore: ['t'] }), { holdout: { groupBy: { column: 't' } } })
    expect(ok.holdout.mode).toBe('grouped')
    expect(ok.holdout.groupValues).toEqual(['w', 'q'])
    expect([...(ok.holdout.trainGroups ?? []), ...(ok.holdout.testGroups ?? [])].sort()).toEqual([0, 1])
  })

  it('the input shape must match the workspace’s earlier tasks', async () => {
    const err = await importDataset(csvSource([header, ...good(6)].join('\n')), { expectedInputShape: [5] }).catch(
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(DatasetProblemsError)
    const [p] = (err as DatasetProblemsError).problems
    expect(p.code).toBe('shape_mismatch')
    expect(p.message).toContain('Each sample has 2 values (shape [2]), but the workspace')
  })

  it('the preview reports all problems at once, with columns, sample rows, histogram and stats', async () => {
    const rows = [`date,${header}`, ...good(12).map((r, i) => `d${i},${r}`)]
    rows[3] = 'd2,1,zz,x'
    rows[5] = 'd4,1'
    rows.push('d99,1,2,lonely')
    const p = await previewDataset(csvSource(rows.join('\n')))
    expect(p.rowCount).toBe(12)
    expect(p.columns.map((c) => [c.name, c.kind, c.role])).toEqual([
      ['date', 'text', 'feature'],
      ['a', 'numeric', 'feature'],
      ['b', 'text', 'feature'],
      ['label', 'text', 'label']
    ])
    expect(p.sampleRows[0]).toEqual(['d0', '0', '0', 'y'])
    expect(p.classHistogram).toEqual([
      { className: 'lonely', count: 1 },
      { className: 'x', count: 7 },
      { className: 'y', count: 4 }
    ])
    expect(p.problems.map((x) => x.code).sort()).toEqual(['non_numeric', 'non_numeric', 'ragged_row', 'rare_class'])
    expect(p.featureStats?.featureNames).toEqual(['date', 'a', 'b'])
  })

  it('a missing label column still previews every row and column, and names the problem with its parameters', async () => {
    const p = await previewDataset(csvSource([header, ...good(30)].join('\n'), { label: 'Class' }))
    expect(p.rowCount).toBe(30)
    expect(p.columns.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'numeric'],
      ['b', 'numeric'],
      ['label', 'text']
    ])
    expect(p.problems.map((x) => x.code)).toEqual(['no_label_column'])
    expect(p.problems[0].params).toEqual({ variant: 'missing', file: 'data.csv', column: 'Class', columns: 'a, b, label' })
    expect(p.split).toBeUndefined()
  })

  it('empty and missing files are told apart, each with its parameters', async () => {
    const empty = await previewDataset(csvSource(''))
    expect(empty.problems.map((x) => [x.code, x.params])).toEqual([['empty_file', { file: 'data.csv' }]])
    const missing = await previewDataset({ kind: 'csv', path: join(tempDir(), 'nope.csv'), label: 'label' })
    expect(missing.problems.map((x) => x.code)).toEqual(['file_not_found'])
    expect(missing.problems[0].params?.path).toMatch(/nope\.csv$/)
    const folder = tempDir()
    const dir = await previewDataset({ kind: 'csv', path: folder, label: 'label' })
    expect(dir.problems.map((x) => [x.code, x.params])).toEqual([['file_not_found', { path: folder, variant: 'folder' }]])
    expect(dir.problems[0].message).toBe(`${folder} is a folder, not a CSV file.`)
    expect(dir.problems[0].fix).toContain('--images')
  })

  it('the preview states the split the import will make, grouped blocks included', async () => {
    const rows = ['minute,a,label', ...Array.from({ length: 120 }, (_, i) => `${i + 1},${i % 7},${i % 2 ? 'x' : 'y'}`)]
    const holdout = { fraction: 0.25, groupBy: { column: 'minute', size: 10 } }
    const p = await previewDataset(csvSource(rows.join('\n'), { ignore: ['minute'] }), { holdout })
    const imported = await importDataset(csvSource(rows.join('\n'), { ignore: ['minute'] }), { holdout })
    expect(p.split).toEqual({
      train: imported.data.train.n,
      test: imported.data.test.n,
      mode: 'grouped',
      trainGroups: imported.holdout.trainGroups?.length,
      testGroups: imported.holdout.testGroups?.length
    })
    expect((p.split?.trainGroups ?? 0) + (p.split?.testGroups ?? 0)).toBe(12)
  })

  it('a failed import leaves the workspace unchanged', async () => {
    const ws = openWorkspace(join(tempDir(), 'ws'), { create: true })
    const before = { tasks: ws.listTasks().length, audit: ws.listAudit().length }
    await expect(
      addTaskFromSource(ws, { name: 'bad', source: csvSource([header, '1,x,y', '2,3,y'].join('\n')) })
    ).rejects.toThrow(DatasetProblemsError)
    expect({ tasks: ws.listTasks().length, audit: ws.listAudit().length }).toEqual(before)
    expect(ws.verifyArtifacts().checked).toBe(0)
    ws.close()
  })
})

describe('CSV damage', () => {
  it('binary data after valid rows is named with its line, and a line without breaks is refused', async () => {
    // 2,000 rows (> the 8 kB that the file-type sniffing looks at), then zeros.
    const text = Buffer.concat([Buffer.from(makeCsv({ rows: 2000, features: 3, classes: 2 })), Buffer.alloc(1000)])
    const errs = await importErrors({ kind: 'csv', path: writeFile(tempDir(), 'cut.csv', text), label: 'label' })
    expect(errs[0]).toMatchObject({ code: 'binary_content', location: { line: 2002 } })
    const long = 'a,b,label\n' + 'x'.repeat(17 * 1024 * 1024)
    const errs2 = await importErrors({ kind: 'csv', path: writeFile(tempDir(), 'long.csv', long), label: 'label' })
    expect(errs2.map((e) => e.code)).toContain('record_too_long')
  })
})
