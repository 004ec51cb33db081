import { join } from 'node:path'
import type { BackupInfo, IntegrityReport } from '../../shared/domain/records'
import { createBackup, listBackups } from '../backups'
import { collectReferences } from '../artifactCheck'
import { hashInUse, now } from './rows'
import type { StoreContext } from './context'
import { BACKUPS_DIR } from '../layout'
import { integrityReport } from '../integrity'
import type { ArtifactRecords } from './artifacts'
import type { AuditLog } from '../audit'

/** Backups, the artifact mirror, repair bookkeeping and the integrity check. */
export class MaintenanceStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly artifacts: ArtifactRecords,
    private readonly audit: AuditLog
  ) {}

  /**
   * After a repair: rows pointing at an artifact that is gone for good stop pointing at it
   * (dataset sets become absent, job checkpoints are cleared). Returns what was changed.
   * Version snapshots cannot be dropped this way; they stay reported by check.
   */
  forgetLostArtifact(hash: string): string[] {
    const changed: string[] = []
    this.ctx.transaction(() => {
      const t = now()
      for (const d of this.ctx.db.all<{ task_id: number; name: string }>(
        'SELECT d.task_id, t.name FROM datasets d JOIN tasks t ON t.id = d.task_id WHERE d.train_hash = ?',
        hash
      )) {
        this.ctx.db.run('UPDATE datasets SET train_hash = NULL, train_dropped_at = ? WHERE task_id = ?', t, d.task_id)
        changed.push(`task ${d.task_id} ("${d.name}"): training data is gone, marked as dropped`)
      }
      for (const d of this.ctx.db.all<{ task_id: number; name: string }>(
        'SELECT d.task_id, t.name FROM datasets d JOIN tasks t ON t.id = d.task_id WHERE d.test_hash = ?',
        hash
      )) {
        this.ctx.db.run('UPDATE datasets SET test_hash = NULL, n_test = 0 WHERE task_id = ?', d.task_id)
        changed.push(`task ${d.task_id} ("${d.name}"): holdout data is gone, the task now has no holdout`)
      }
      for (const j of this.ctx.db.all<{ id: number }>('SELECT id FROM jobs WHERE checkpoint_hash = ?', hash)) {
        this.ctx.db.run('UPDATE jobs SET checkpoint_hash = NULL WHERE id = ?', j.id)
        changed.push(`job ${j.id}: checkpoint is gone, the job can only restart from the beginning`)
      }
      for (const r of this.ctx.db.all<{ id: number }>('SELECT id FROM reports WHERE hash = ?', hash)) {
        this.ctx.db.run('UPDATE reports SET hash = NULL WHERE id = ?', r.id)
        changed.push(`report ${r.id}: stored copy is gone`)
      }
      if (!hashInUse(this.ctx.db, hash)) this.ctx.db.run('DELETE FROM artifacts WHERE hash = ?', hash)
    })
    return changed
  }

  /**
   * Database backup, then copy every referenced artifact not yet in the mirror (verified
   * first: a damaged file is not copied; check reports it). Refused while the audit chain is
   * broken, so the backups kept are sound ones.
   */
  async backup(): Promise<BackupInfo> {
    this.audit.assertAuditSound('A backup')
    const info = await createBackup(this.ctx.db, join(this.ctx.dir, BACKUPS_DIR))
    this.mirrorArtifacts()
    return info
  }

  mirrorArtifacts(): number {
    let copied = 0
    for (const hash of collectReferences(this.ctx.db).keys()) {
      if (this.ctx.mirror.exists(hash) || !this.ctx.artifacts.exists(hash)) continue
      let bytes: Uint8Array
      try {
        bytes = this.ctx.artifacts.read(hash)
      } catch {
        continue
      }
      this.ctx.mirror.write(bytes)
      copied++
    }
    return copied
  }

  listBackups(): BackupInfo[] {
    return listBackups(join(this.ctx.dir, BACKUPS_DIR))
  }

  check(): IntegrityReport {
    const messages = this.ctx.db.pragma('quick_check').map((r) => String(Object.values(r)[0]))
    const fk = this.ctx.db.pragma('foreign_key_check')
    const dbMessages = messages.length === 1 && messages[0] === 'ok' ? [] : messages
    for (const f of fk)
      dbMessages.push(`foreign key broken: ${String(f.table)} row ${String(f.rowid)} → ${String(f.parent)}`)
    const artifacts = this.artifacts.verifyArtifacts()
    const audit = this.audit.verifyAudit()
    return integrityReport(
      this.ctx.dir,
      { ok: dbMessages.length === 0, messages: dbMessages },
      artifacts,
      audit,
      audit.ok ? this.audit.verifyRegistry() : null,
      this.listBackups()
    )
  }
}
