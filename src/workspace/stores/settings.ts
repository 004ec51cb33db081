import type { SettingsPatch, WorkspaceSettings } from '../../shared/domain/records'
import { DEFAULT_SETTINGS, mergeSettings, settingsFromJson } from '../settings'
import { json, now } from './rows'
import type { StoreContext } from './context'
import type { AuditLog } from '../audit'

/** The workspace settings row (name, language, approval policy, retention). */
export class SettingsStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly audit: AuditLog
  ) {}

  ensureSettings(patch: SettingsPatch, defaultName: string): void {
    const row = this.ctx.db.get<{ json: string }>('SELECT json FROM settings WHERE id = 1')
    if (row) return
    const settings = mergeSettings({ ...DEFAULT_SETTINGS, name: defaultName || DEFAULT_SETTINGS.name }, patch)
    const t = now()
    this.ctx.db.run(
      'INSERT OR IGNORE INTO settings (id, json, created_at, updated_at) VALUES (1, ?, ?, ?)',
      json(settings),
      t,
      t
    )
  }

  getSettings(): WorkspaceSettings {
    const row = this.ctx.db.get<{ json: string }>('SELECT json FROM settings WHERE id = 1')
    return row ? settingsFromJson(row.json) : { ...DEFAULT_SETTINGS }
  }

  updateSettings(patch: SettingsPatch, actor = 'system'): WorkspaceSettings {
    return this.ctx.transaction(() => {
      const next = mergeSettings(this.getSettings(), patch)
      this.ctx.db.run('UPDATE settings SET json = ?, updated_at = ? WHERE id = 1', json(next), now())
      this.audit.appendAudit({ actor, action: 'settings.updated', subject: 'settings', details: { patch } })
      return next
    })
  }
}
