import { spawnSync } from 'node:child_process'
import { MIGRATIONS } from '../../src/workspace/migrations'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { openWorkspace } from '../../src/workspace'
import { parseGroupBy } from '../../src/cli/commands/taskAdd'
import { cli, makeCsv, tempDir, writeFile } from './helpers'

describe('keizoku init / task add / task list / check', () => {
  it('creates a workspace, adds CSV tasks, lists them, checks them, and audits every add with its open (reads write nothing)', async () => {
    const dir = join(tempDir(), 'ws')
    const init = await cli(['init', dir, '--name', 'Line 3', '--language', 'ja', '--json'])
    expect(init.code).toBe(0)
    expect(JSON.parse(init.out)).toMatchObject({
      dir,
      schemaVersion: MIGRATIONS.length,
      settings: { name: 'Line 3', language: 'ja' }
    })
    expect((await cli(['init', dir])).code).not.toBe(0)

    const csv = writeFile(tempDir(), 'a.csv', makeCsv({ rows: 50, features: 3, classes: 2 }))
    const add = await cli([
      'task',
      'add',
      dir,
      '--name',
      'A',
      '--csv',
      csv,
      '--label',
      'label',
      '--holdout',
      '0.3',
      '--keep-train',
      'no',
      '--seed',
      '4'
    ])
    expect(add.code).toBe(0)
    expect(add.out).toContain(
      'Task 1 "A" (id 1): 34 training / 16 holdout samples, 3 features, 2 classes (class0, class1)'
    )
    expect(add.out).toContain('holdout 30 % stratified (seed 4); training data dropped after learning')

    const csv2 = writeFile(tempDir(), 'b.csv', makeCsv({ rows: 40, features: 3, classes: 2, seed: 3 }))
    const add2 = await cli(['task', 'add', dir, '--name', 'B', '--csv', csv2, '--label', 'label', '--json'])
    expect(JSON.parse(add2.out)).toMatchObject({ seq: 2, name: 'B', nTrain: 32, nTest: 8, keepTrain: true })

    const list = await cli(['task', 'list', dir])
    expect(list.out.split('\n')[0]).toMatch(/^#\s+id\s+name\s+status/)
    expect(list.out).toContain('until learned')
    const json = JSON.parse((await cli(['task', 'list', dir, '--json'])).out) as Array<{ name: string }>
    expect(json.map((t) => t.name)).toEqual(['A', 'B'])

    const check = await cli(['check', dir, '--json'])
    expect(check.code).toBe(0)
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, audit: { ok: true } })

    const ws = openWorkspace(dir)
    const actions = ws
      .listAudit()
      .reverse()
      .map((e) => e.action)
    ws.close()
    expect(actions).toEqual(['workspace.created', 'workspace.opened', 'task.added', 'workspace.opened', 'task.added'])
  })

  it('reports bad input as one line on stderr with a non-zero exit, and adds nothing', async () => {
    const dir = join(tempDir(), 'ws')
    await cli(['init', dir])
    const bad = writeFile(tempDir(), 'bad.csv', 'a,b,label\n1,x,p\n2,3,q\n4,5,p\n6,7,q\n')
    const cases: string[][] = [
      ['task', 'add', dir, '--name', 'x', '--csv', bad, '--label', 'label'],
      ['task', 'add', dir, '--name', 'x', '--csv', bad],
      ['task', 'add', dir, '--name', 'x'],
      ['task', 'add', dir, '--name', 'x', '--builtin', 'split-mnist'],
      ['task', 'add', dir, '--name', 'x', '--builtin', 'split-mnist:0', '--group-by', 'a'],
      ['task', 'add', dir, '--name', 'x', '--images', dir, '--shape', '28'],
      ['task', 'add', dir, '--name', 'x', '--csv', bad, '--label', 'label', '--keep-train', 'maybe'],
      ['task', 'add', dir, '--name', 'x', '--csv', bad, '--label', 'label', '--holdout', '1.5'],
      ['task', 'list', join(dir, 'nope')],
      ['check', tempDir()]
    ]
    for (const args of cases) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).not.toBe(0)
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(r.err).toMatch(/^keizoku: /)
    }
    const first = await cli(cases[0])
    expect(first.err).toContain('bad.csv, line 2 (row 1), column "b": "x" is not a number')
    const ws = openWorkspace(dir)
    expect(ws.listTasks()).toEqual([])
    ws.close()
  })

  it('parses --group-by COLUMN[/SIZE]', () => {
    expect(parseGroupBy('Minute/60')).toEqual({ column: 'Minute', size: 60 })
    expect(parseGroupBy('batch')).toEqual({ column: 'batch' })
    expect(parseGroupBy('a/b')).toEqual({ column: 'a/b' })
    expect(() => parseGroupBy('Minute/0')).toThrow(/positive/)
  })

  it('adds an IDX task and a built-in benchmark task', async () => {
    const dir = join(tempDir(), 'ws')
    await cli(['init', dir])
    const r = await cli(['task', 'add', dir, '--name', 'digits 0/1', '--builtin', 'split-mnist:0', '--json'])
    expect(r.err).toBe('')
    expect(JSON.parse(r.out)).toMatchObject({ classNames: ['0', '1'], holdout: { mode: 'benchmark' } })
    const n = 6
    const head = (dims: number[]): Buffer => {
      const b = Buffer.alloc(4 + 4 * dims.length)
      b[2] = 8
      b[3] = dims.length
      dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i))
      return b
    }
    const d = tempDir()
    const images = writeFile(d, 'i.idx', Buffer.concat([head([n, 28, 28]), Buffer.alloc(n * 784, 7)]))
    const labels = writeFile(d, 'l.idx', Buffer.concat([head([n]), Buffer.from([1, 2, 1, 2, 1, 2])]))
    const r2 = await cli(['task', 'add', dir, '--name', 'idx', '--idx', images, labels, '--json'])
    expect(r2.err).toBe('')
    // [28, 28, 1] has as many values as the benchmark's [784]: it takes the workspace's shape.
    expect(JSON.parse(r2.out)).toMatchObject({ classNames: ['1', '2'], nTrain: 4, nTest: 2 })
  }, 60_000)

  it('the real binary (node bin/keizoku.cjs, outside vitest) imports an image folder', () => {
    const root = join(tempDir(), 'images')
    for (const [cls, grey] of [
      ['dark', 20],
      ['light', 230]
    ] as const) {
      mkdirSync(join(root, cls), { recursive: true })
      for (let i = 0; i < 3; i++) {
        const img = new PNG({ width: 5, height: 5 })
        img.data.fill(grey)
        for (let p = 3; p < img.data.length; p += 4) img.data[p] = 255
        writeFileSync(join(root, cls, `${i}.png`), PNG.sync.write(img))
      }
    }
    const dir = join(tempDir(), 'ws')
    const bin = join(__dirname, '..', '..', 'bin', 'keizoku.cjs')
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
    expect(run(['init', dir]).status).toBe(0)
    const r = run(['task', 'add', dir, '--name', 'shades', '--images', root, '--shape', '4x4', '--json'])
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toMatchObject({
      classNames: ['dark', 'light'],
      inputShape: [4, 4, 1],
      nTrain: 4,
      nTest: 2,
      warnings: []
    })
  }, 60_000)
})
