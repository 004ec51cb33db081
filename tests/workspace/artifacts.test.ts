import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeizokuError } from '../../src/shared/errors'
import { decodeTensorFile, encodeTensorFile, openWorkspace, type Workspace } from '../../src/workspace'
import { auditHash } from '../../src/workspace/audit'
import { canonicalJson } from '../../src/workspace/canonicalJson'
import { tempDir } from './helpers'

function newWorkspace(): Workspace {
  return openWorkspace(join(tempDir(), 'ws'), { create: true })
}

describe('tensor file format', () => {
  it('has the documented layout: magic, version, header length, JSON header, 4-byte aligned little-endian data', () => {
    const bytes = encodeTensorFile(
      [
        { name: 'w', shape: [2, 2], data: new Float32Array([1, -2, 0.5, 3]) },
        { name: 'y', shape: [3], data: new Int32Array([7, -1, 2]) }
      ],
      { note: 'x' }
    )
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('KZTN')
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    expect(view.getUint32(4, true)).toBe(1)
    const h = view.getUint32(8, true)
    expect((12 + h) % 4).toBe(0)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + h)))
    expect(header).toEqual({
      meta: { note: 'x' },
      tensors: [
        { name: 'w', shape: [2, 2], dtype: 'float32', offset: 0, length: 4 },
        { name: 'y', shape: [3], dtype: 'int32', offset: 16, length: 3 }
      ]
    })
    const data = 12 + h
    expect(view.getFloat32(data + 4, true)).toBe(-2)
    expect(view.getInt32(data + 16 + 4, true)).toBe(-1)
    expect(bytes.length).toBe(data + 28)
  })

  it('round-trips any float32 tensors exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string({ maxLength: 12 }),
            shape: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 })
          }),
          { maxLength: 5 }
        ),
        fc.integer({ min: 1, max: 1e6 }),
        (specs, seed) => {
          const records = specs.map((s, i) => {
            const n = s.shape.reduce((a, b) => a * b, 1)
            const data = new Float32Array(n)
            for (let j = 0; j < n; j++) data[j] = Math.fround(Math.sin(seed + i * 31 + j) * 1e3)
            return { name: s.name, shape: s.shape, data }
          })
          const back = decodeTensorFile(encodeTensorFile(records)).records
          expect(back).toEqual(records)
        }
      ),
      { numRuns: 60 }
    )
  })

  it('rejects bad magic, truncation and shape/length mismatches with clear messages', () => {
    const good = encodeTensorFile([{ name: 'a', shape: [4], data: new Float32Array(4) }])
    const bad = good.slice()
    bad[0] = 0x58
    expect(() => decodeTensorFile(bad)).toThrow(/magic is "XZTN"/)
    expect(() => decodeTensorFile(good.subarray(0, good.length - 4))).toThrow(/runs past the end/)
    expect(() => encodeTensorFile([{ name: 'a', shape: [3], data: new Float32Array(4) }])).toThrow(
      /shape \[3\] \(3 elements\) but 4 values/
    )
  })
})

describe('artifact store', () => {
  it('stores content-addressed files under artifacts/ab/<sha256>, idempotently, and reads them back verified', () => {
    const ws = newWorkspace()
    const bytes = new TextEncoder().encode('hello artifacts')
    const h = ws.putArtifact(bytes, 'report')
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(ws.putArtifact(bytes, 'report')).toBe(h)
    expect(readFileSync(join(ws.dir, 'artifacts', h.slice(0, 2), h)).toString()).toBe('hello artifacts')
    expect(new TextDecoder().decode(ws.getArtifact(h))).toBe('hello artifacts')
    expect(readdirSync(join(ws.dir, 'artifacts', 'tmp'))).toEqual([])
    const t = ws.putTensors([{ name: 'e', shape: [3], data: new Float32Array([1, 2, 3]) }], 'snapshot', { tasks: 1 })
    expect(ws.getTensorFile(t)).toEqual({
      records: [{ name: 'e', shape: [3], data: new Float32Array([1, 2, 3]) }],
      meta: { tasks: 1 }
    })
    ws.close()
  })

  it('detects a changed and a missing artifact on read and in verifyArtifacts, and lists orphans', () => {
    const ws = newWorkspace()
    const h = ws.putTensors([{ name: 'a', shape: [100], data: new Float32Array(100).fill(1) }])
    const h2 = ws.putArtifact(new Uint8Array([1, 2, 3]))
    const path = join(ws.dir, 'artifacts', h.slice(0, 2), h)
    const raw = readFileSync(path)
    raw[raw.length - 1] ^= 0xff
    writeFileSync(path, raw)
    let err: unknown
    try {
      ws.getTensors(h)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(KeizokuError)
    expect((err as KeizokuError).code).toBe('corrupt')
    expect((err as KeizokuError).message).toContain(`expected ${h.slice(0, 12)}`)

    writeFileSync(join(ws.dir, 'artifacts', h2.slice(0, 2), h2), '')
    writeFileSync(join(ws.dir, 'artifacts', 'tmp', 'leftover.tmp'), 'x')
    const check = ws.verifyArtifacts()
    expect(check.problems.map((p) => [p.hash, p.problem])).toEqual(
      expect.arrayContaining([
        [h, 'corrupt'],
        [h2, 'corrupt']
      ])
    )
    expect(check.orphans.some((o) => o.endsWith('leftover.tmp'))).toBe(true)
    const report = ws.check()
    expect(report.ok).toBe(false)
    expect(report.summary.join('\n')).toContain('artifacts: 2 of 2 bad')
    ws.close()
  })
})

describe('audit log', () => {
  it('chains entries by sha-256 and refuses UPDATE and DELETE', () => {
    const ws = newWorkspace()
    const a = ws.appendAudit({ actor: 'x', action: 'one', details: { b: 2, a: [1, { z: 1, y: 2 }] } })
    const b = ws.appendAudit({ actor: 'x', action: 'two', subject: 'task:1' })
    expect(a.prevHash).toBe('')
    expect(b.prevHash).toBe(a.hash)
    expect(ws.verifyAudit()).toEqual({ ok: true, count: 2 })
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}')
    expect(ws.listAudit({ limit: 1 })[0].action).toBe('two')
    expect(ws.listAudit({ action: 'one' })).toHaveLength(1)
    const dir = ws.dir
    ws.close()
    const raw = new Database(join(dir, 'keizoku.db'))
    expect(() => raw.prepare("UPDATE audit SET actor = 'y' WHERE id = 1").run()).toThrow(/append-only/)
    expect(() => raw.prepare('DELETE FROM audit WHERE id = 1').run()).toThrow(/append-only/)
    raw.close()
  })

  it('detects an edited entry, a deleted entry and a re-hashed forgery', () => {
    const ws = newWorkspace()
    for (let i = 0; i < 6; i++) ws.appendAudit({ actor: 'x', action: 'step', details: { i } })
    const dir = ws.dir
    ws.close()
    const tamper = (sql: string): void => {
      const raw = new Database(join(dir, 'keizoku.db'))
      raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;')
      raw.exec(sql)
      raw.exec(`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`)
      raw.close()
    }
    tamper(`UPDATE audit SET details_json = '{"i":99}' WHERE id = 4`)
    let w = openWorkspace(dir)
    expect(w.verifyAudit()).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'entry 4 was changed after it was written'
    })
    const report = w.check()
    expect(report.ok).toBe(false)
    expect(report.summary.join('\n')).toContain('audit log: BROKEN at entry 4')
    w.close()

    // Forger recomputes entry 4's own hash: entry 5 no longer links to it.
    const ws2 = openWorkspace(join(tempDir(), 'ws2'), { create: true })
    for (let i = 0; i < 6; i++) ws2.appendAudit({ actor: 'x', action: 'step', details: { i } })
    const dir2 = ws2.dir
    ws2.close()
    const raw = new Database(join(dir2, 'keizoku.db'))
    raw.exec('DROP TRIGGER audit_no_update')
    const row = raw.prepare('SELECT * FROM audit WHERE id = 4').get() as { at: string; prev_hash: string }
    const forged = auditHash(row.prev_hash, {
      id: 4,
      at: row.at,
      actor: 'x',
      action: 'step',
      subject: '',
      details: { i: 99 }
    })
    raw.prepare(`UPDATE audit SET details_json = '{"i":99}', hash = ? WHERE id = 4`).run(forged)
    raw.close()
    w = openWorkspace(dir2)
    expect(w.verifyAudit()).toMatchObject({ ok: false, brokenAt: 5, reason: 'entry 5 does not link to entry 4' })
    w.close()

    tamper('DELETE FROM audit WHERE id = 2')
    w = openWorkspace(dir)
    const v = w.verifyAudit()
    expect(v.ok).toBe(false)
    expect(v.brokenAt).toBe(3)
    w.close()
  })
})

describe('garbage collection', () => {
  it('removes unreferenced artifacts and stray files older than the age limit, keeps referenced ones', async () => {
    const ws = newWorkspace()
    const kept = ws.putTensors([{ name: 'a', shape: [1], data: new Float32Array([1]) }], 'checkpoint')
    const job = ws.createJob({ kind: 'train', args: {} })
    ws.updateJob(job.id, { checkpointHash: kept })
    const old = ws.putTensors([{ name: 'a', shape: [1], data: new Float32Array([2]) }], 'checkpoint')
    writeFileSync(join(ws.dir, 'artifacts', 'tmp', 'stale.tmp'), 'x')
    await ws.backup()
    expect(ws.collectGarbage()).toEqual({ removed: 0, bytes: 0 })
    const r = ws.collectGarbage({ minAgeMs: -1000 })
    // the superseded checkpoint (live + backup copy), and the temp file
    expect(r.removed).toBe(2)
    expect(ws.hasArtifact(old)).toBe(false)
    expect(ws.hasArtifact(kept)).toBe(true)
    expect(ws.check().ok).toBe(true)
    ws.close()
  })
})

describe('temp files of interrupted writes', () => {
  it('are deleted when a process takes the workspace, but not while another handle of the same process is open', () => {
    const dir = join(tempDir(), 'ws')
    openWorkspace(dir, { create: true }).close()
    const leftovers = [
      join(dir, 'artifacts', 'tmp', '.123-abc.tmp'),
      join(dir, 'backups', 'artifacts', 'tmp', '.123-def.tmp')
    ]
    mkdirSync(join(dir, 'backups', 'artifacts', 'tmp'), { recursive: true })
    for (const f of leftovers) writeFileSync(f, 'half a write')
    const owner = openWorkspace(dir)
    expect(leftovers.filter((f) => existsSync(f))).toEqual([])
    writeFileSync(leftovers[0], 'a write in flight')
    const second = openWorkspace(dir)
    expect(existsSync(leftovers[0])).toBe(true)
    second.close()
    owner.close()
  })
})
