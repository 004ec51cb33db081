import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { KeizokuError } from '../shared/errors'
import type { BackupInfo, IntegrityReport, RepairReport } from '../shared/domain/records'
import { commitTempFile, fsyncDir } from '../common/atomicFile'
import { sha256Hex } from './artifactStore'
import { listBackups } from './backups'
import type { ArtifactCheck, AuditVerification, RegistryVerification } from '../shared/domain/records'
import { sealsOf, verifyAuditRows, type AuditRow } from './audit'
import { verifyRegistry } from './registrySeal'
import { openSqlite, type SqlDatabase } from './db'
import { BACKUPS_DIR, DB_FILE, workspaceExists } from './layout'
import { openSqliteWorkspace } from './open'
import { acquireWorkspaceLock } from './lock'
import { decodeTensorFile } from './tensorFile'

/**
 * Integrity report for DIR, also when the database cannot be opened at all (then the
 * database part says why and the rest is unchecked). Throws not_found only when DIR is not a
 * workspace and has no backups either. A read: it writes nothing and works while another
 * process owns the workspace.
 */
export function checkWorkspace(dir: string): IntegrityReport {
  const abs = resolve(dir)
  try {
    const ws = openSqliteWorkspace(abs, { shared: true })
    try {
      return ws.check()
    } finally {
      ws.close()
    }
  } catch (err) {
    if (!(err instanceof KeizokuError) || err.code !== 'corrupt') throw err
    const report = integrityReport(
      abs,
      { ok: false, messages: [err.message] },
      null,
      null,
      null,
      listBackups(join(abs, BACKUPS_DIR))
    )
    report.hint = err.hint ?? report.hint
    return report
  }
}

interface TableSummary {
  readable: boolean
  tables: Record<string, { count: number; maxId: number }>
  taskNames: Record<number, string>
}

const TABLES = ['tasks', 'jobs', 'versions', 'evaluations', 'approvals', 'reports', 'baseline_runs', 'audit'] as const

/** What a (possibly damaged) database holds, as far as it can be read. */
function summarise(dbPath: string): TableSummary {
  const out: TableSummary = { readable: false, tables: {}, taskNames: {} }
  if (!existsSync(dbPath)) return out
  let db: Database.Database | undefined
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true })
    for (const t of TABLES) {
      try {
        const r = db.prepare(`SELECT count(*) AS count, coalesce(max(id), 0) AS maxId FROM ${t}`).get() as {
          count: number
          maxId: number
        }
        out.tables[t] = r
        out.readable = true
      } catch {
        /* unreadable table: left out */
      }
    }
    try {
      for (const r of db.prepare('SELECT id, name FROM tasks').all() as Array<{ id: number; name: string }>)
        out.taskNames[r.id] = r.name
    } catch {
      /* ignore */
    }
  } catch {
    out.readable = false
  } finally {
    db?.close()
  }
  return out
}

/** A backup is usable when SQLite's quick_check passes, its audit chain verifies and its registry rows match the chain. */
function backupSound(path: string): boolean {
  let db: SqlDatabase | undefined
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true })
    const qc = db.pragma('quick_check')
    if (qc.length !== 1 || Object.values(qc[0])[0] !== 'ok') return false
    const rows = db.all<AuditRow>('SELECT * FROM audit ORDER BY id')
    if (!verifyAuditRows(rows).ok) return false
    return verifyRegistry(db, sealsOf(rows)).ok
  } catch {
    return false
  } finally {
    db?.close()
  }
}

function describeLost(before: TableSummary, after: TableSummary, backup: BackupInfo): string[] {
  if (!before.readable) {
    return [
      `anything written after ${backup.createdAt}, if there was any (the damaged database could not be read to list it)`
    ]
  }
  const lost: string[] = []
  const label: Record<string, string> = {
    tasks: 'task',
    jobs: 'job',
    versions: 'model version',
    evaluations: 'evaluation',
    approvals: 'approval',
    reports: 'report',
    audit: 'audit entry'
  }
  for (const t of TABLES) {
    const b = before.tables[t]
    const a = after.tables[t] ?? { count: 0, maxId: 0 }
    if (!b || b.maxId <= a.maxId) continue
    const n = b.maxId - a.maxId
    const noun = n === 1 ? label[t] : t === 'audit' ? 'audit entries' : `${label[t]}s`
    let line = `${n} ${noun} (id ${a.maxId + 1}${n > 1 ? `–${b.maxId}` : ''})`
    if (t === 'tasks') {
      const names = Object.entries(before.taskNames)
        .filter(([id]) => Number(id) > a.maxId)
        .map(([, name]) => `"${name}"`)
      if (names.length) line += `: ${names.join(', ')}`
    }
    lost.push(line)
  }
  lost.push(
    `changes to existing records after ${backup.createdAt} (statuses, progress) are back to their state at that time`
  )
  return lost
}

/** What an artifact file holds, in words, from its own header. */
function describeArtifact(bytes: Uint8Array): string {
  let meta: Record<string, unknown>
  let rows: number | undefined
  try {
    const file = decodeTensorFile(bytes)
    meta = file.meta
    rows = file.records.find((r) => r.name === 'y')?.shape[0]
  } catch {
    return `a file of ${bytes.length} bytes that is not a tensor file (an exported report)`
  }
  if (meta.kind === 'labelled-set') {
    return `a dataset split of ${rows ?? '?'} rows and ${String(meta.numClasses)} classes (training or holdout data of a task added after the backup)`
  }
  if (typeof meta.method === 'string' && typeof meta.tasksLearned === 'number') {
    return `a ${meta.method} model snapshot with ${meta.tasksLearned} learned task(s) (a version trained after the backup)`
  }
  if (typeof meta.taskIndex === 'number' && typeof meta.step === 'number') {
    return `a training checkpoint of task number ${meta.taskIndex + 1} at step ${meta.step} (a job run after the backup)`
  }
  return `a tensor file of ${bytes.length} bytes`
}

function copyDurable(from: string, to: string): void {
  const tmp = `${to}.restore-${process.pid}.tmp`
  copyFileSync(from, tmp)
  commitTempFile(tmp, to)
}

/**
 * Repair DIR: when the database is damaged, unreadable, missing or its audit chain is broken,
 * set it aside (keizoku.db.damaged-<time>) and restore the newest sound backup; then restore
 * damaged or missing artifacts from the backup mirror, and make rows stop pointing at
 * artifacts that are gone for good. Says what was lost. Appends a 'workspace.repaired' entry.
 */
export async function repairWorkspace(dir: string, actor = 'system'): Promise<RepairReport> {
  const abs = resolve(dir)
  if (!workspaceExists(abs) && listBackups(join(abs, BACKUPS_DIR)).length === 0) {
    throw new KeizokuError('not_found', `${abs} is not a Keizoku workspace (no ${DB_FILE}, no backups).`, {
      hint: 'Choose the folder of a Keizoku workspace.'
    })
  }
  // Refused while another process owns the folder: it would go on writing to the file set aside.
  const lock = acquireWorkspaceLock(abs)
  try {
    return await repairLocked(abs, actor)
  } finally {
    lock.release()
  }
}

async function repairLocked(abs: string, actor: string): Promise<RepairReport> {
  const dbPath = join(abs, DB_FILE)
  const backupsDir = join(abs, BACKUPS_DIR)
  const backups = listBackups(backupsDir)
  const lost: string[] = []
  const actions: string[] = []
  let restoredFrom: string | null = null

  let needsRestore = true
  if (workspaceExists(abs)) {
    try {
      const ws = openSqliteWorkspace(abs)
      try {
        const rep = ws.check()
        needsRestore = !rep.database.ok || !(rep.audit?.ok ?? false) || !(rep.registry?.ok ?? false)
      } finally {
        ws.close()
      }
    } catch (err) {
      if (!(err instanceof KeizokuError) || err.code !== 'corrupt') throw err
    }
  }

  if (needsRestore) {
    const chosen = backups.find((b) => backupSound(b.path))
    if (!chosen) {
      throw new KeizokuError(
        'unavailable',
        backups.length === 0
          ? `The workspace database ${dbPath} is damaged and there is no backup in ${backupsDir}.`
          : `The workspace database ${dbPath} is damaged and none of the ${backups.length} backup(s) is sound.`,
        { hint: 'Restore the workspace folder from your own backup.' }
      )
    }
    const before = summarise(dbPath)
    const stamp = new Date().toISOString().replace(/[-:.]/g, '')
    for (const suffix of ['', '-wal', '-shm']) {
      const f = `${dbPath}${suffix}`
      if (existsSync(f)) {
        const to = `${dbPath}.damaged-${stamp}${suffix}`
        renameSync(f, to)
        if (suffix === '') actions.push(`kept the damaged database as ${to}`)
      }
    }
    copyDurable(chosen.path, dbPath)
    fsyncDir(abs)
    restoredFrom = chosen.path
    actions.push(`restored the database from the backup of ${chosen.createdAt}`)
    lost.push(...describeLost(before, summarise(dbPath), chosen))
  }

  const ws = openSqliteWorkspace(abs)
  try {
    const art = ws.verifyArtifacts()
    // The damaged database could not be read to list its rows, but what they pointed at is still
    // on disk: files no restored row refers to were written after the backup.
    if (restoredFrom !== null && lost.some((l) => l.startsWith('anything written after'))) {
      for (const path of art.orphans) lost.push(`${describeArtifact(readFileSync(path))} (kept as ${path})`)
    }
    for (const p of art.problems) {
      const copy = ws.mirror.exists(p.hash) ? readFileSync(ws.mirror.pathOf(p.hash)) : null
      if (copy && sha256Hex(copy) === p.hash) {
        ws.artifacts.write(new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength))
        actions.push(`restored ${p.referencedBy.join(', ')} from the backup copy (${p.problem} file)`)
        continue
      }
      const changed = ws.forgetLostArtifact(p.hash)
      if (changed.length > 0) lost.push(...changed)
      else lost.push(`${p.referencedBy.join(', ')}: file ${p.problem} and no intact copy exists`)
    }
    if (art.orphans.length > 0) actions.push(`left ${art.orphans.length} unreferenced file(s) in place`)
    ws.appendAudit({ actor, action: 'workspace.repaired', subject: abs, details: { restoredFrom, lost, actions } })
    const after = ws.check()
    return { restoredFrom, lost, actions, after }
  } finally {
    ws.close()
  }
}

/** The integrity report: database, artifacts, audit chain and backups, each with one summary line. */
export function integrityReport(
  dir: string,
  database: { ok: boolean; messages: string[] },
  artifacts: ArtifactCheck | null,
  audit: AuditVerification | null,
  registry: RegistryVerification | null,
  backups: BackupInfo[]
): IntegrityReport {
  const summary: string[] = []
  summary.push(
    database.ok ? 'database: ok (quick_check, foreign keys)' : `database: DAMAGED — ${database.messages.join('; ')}`
  )
  if (artifacts) {
    const bad = artifacts.problems
    summary.push(
      bad.length === 0
        ? `artifacts: ok (${artifacts.checked} checked)`
        : `artifacts: ${bad.length} of ${artifacts.checked} bad`
    )
    for (const p of bad)
      summary.push(`  ${p.problem} ${p.hash.slice(0, 12)}… used by ${p.referencedBy.join(', ')}: ${p.detail}`)
    if (artifacts.orphans.length > 0) {
      summary.push(`  ${artifacts.orphans.length} unreferenced file(s) (left by an interrupted write; harmless)`)
    }
  } else {
    summary.push('artifacts: not checked (the database cannot be read)')
  }
  if (audit) {
    summary.push(
      audit.ok
        ? `audit log: ok (${audit.count} entries, chain intact)`
        : `audit log: BROKEN at entry ${audit.brokenAt} — ${audit.reason}`
    )
  } else {
    summary.push('audit log: not checked (the database cannot be read)')
  }
  if (registry) {
    const n = registry.checked
    if (!registry.sealed) {
      summary.push(
        'registry: not cross-checked (written before Keizoku sealed registry rows; sealed at the next change)'
      )
    } else if (registry.ok) {
      summary.push(
        `registry: ok (${n.versions} versions, ${n.approvals} decisions, ${n.evaluations} evaluations match the audit log)`
      )
    } else {
      summary.push(`registry: EDITED OUTSIDE KEIZOKU — ${registry.problems.length} row(s) differ from the audit log`)
      for (const p of registry.problems) summary.push(`  ${p}`)
    }
  } else {
    summary.push('registry: not checked (the audit log cannot be trusted)')
  }
  summary.push(backups.length > 0 ? `backups: ${backups.length}, latest ${backups[0].createdAt}` : 'backups: none yet')
  const ok =
    database.ok && !!artifacts && artifacts.problems.length === 0 && !!audit && audit.ok && !!registry && registry.ok
  const report: IntegrityReport = { ok, dir, database, artifacts, audit, registry, backups, summary }
  if (!ok) {
    report.hint =
      backups.length > 0
        ? `Run \`keizoku check ${dir} --repair\` to restore the latest backup (${backups[0].createdAt}); it reports what is lost.`
        : 'No backup exists to restore from; restore the folder from your own backup.'
  }
  return report
}
