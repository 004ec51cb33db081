/**
 * The workspace: everything Keizoku keeps on disk, and the only code that touches a workspace
 * folder. Public surface for the service, the CLI and tests.
 *
 * Layout of a workspace folder DIR:
 *   DIR/keizoku.db        SQLite registry (WAL, synchronous=FULL, foreign keys, numbered migrations)
 *   DIR/artifacts/ab/<sha256>   content-addressed files (datasets, snapshots, checkpoints, reports)
 *   DIR/artifacts/tmp/    half-written files; anything here after a crash is garbage
 *   DIR/backups/          the last 3 online backups of keizoku.db
 *
 * Durability rule: a database row that references an artifact is committed only after the
 * artifact file is fsynced, renamed into place and its directory fsynced. So after a crash at
 * any moment every committed row's artifact exists; the worst left behind is an unreferenced
 * file (reported as an orphan by `check`, harmless).
 *
 * Ids are SQLite integer row ids. Times are ISO-8601 UTC strings. JSON-valued fields are
 * stored with JSON.stringify and returned parsed; they must be JSON-safe (no typed arrays —
 * put those in artifacts).
 *
 * Everything is synchronous except backup/repair and dataset import (file streaming), because
 * better-sqlite3 is synchronous and a transaction must not span an await.
 */
export type * from '../shared/domain/records'
import type { LabelledSet, TaskData } from '../shared/dataset'
import type { TensorRecord } from '../shared/domain/learning'

// ───────────────────────────── functions ─────────────────────────────
//
// openWorkspace(dir, opts?): Workspace
//   Opens (or with create: true makes) a workspace; runs migrations, quick_check, and
//   markInterruptedJobs. Errors (KeizokuError): not_found — DIR missing or not a workspace
//   (no keizoku.db); corrupt — keizoku.db unreadable/damaged, with the hint to run
//   `keizoku check DIR --repair` when a backup exists; conflict — a newer schema version.
// workspaceExists(dir): boolean — DIR holds a keizoku.db.
// checkWorkspace(dir, actor?): IntegrityReport — like Workspace.check, but also works (reports) when
//   the database cannot be opened at all.
// repairWorkspace(dir, actor?): Promise<RepairReport> — restores the newest backup that passes
//   quick_check (the damaged db is kept as keizoku.db.damaged-<time>), reports what was lost.
// importDataset(source, opts?): Promise<ImportedDataset> — reads and validates a source; all
//   errors found are thrown together as DatasetProblemsError (code 'invalid_argument',
//   `.problems`); writes nothing.
// previewDataset(source, opts?): Promise<DatasetPreview> — the same validation, never throws
//   for bad data: every problem (up to a cap) is listed instead.
// addTaskFromSource(ws, { name, source, holdout?, keepTrain? }, actor?): Promise<TaskRecord & { warnings }>
//   — import with the workspace's input shape as expectation, then ws.addTask.
// encodeTensorFile / decodeTensorFile — the binary tensor format (docs/workspace-format.md).

export { openWorkspace } from './open'
export { workspaceExists } from './layout'
export { checkWorkspace, repairWorkspace } from './integrity'
export { importDataset, previewDataset, DatasetProblemsError } from './import'
export { addTaskFromSource } from './addTaskFromSource'
export { encodeTensorFile, decodeTensorFile } from './tensorFile'
export { DEFAULT_SETTINGS } from './settings'
export type { LabelledSet, TaskData, TensorRecord }
