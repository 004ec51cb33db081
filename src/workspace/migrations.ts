import { KeizokuError } from '../shared/errors'
import type { SqlDatabase } from './db'

/**
 * Numbered schema migrations. Migration i (1-based) brings user_version from i − 1 to i, in
 * one transaction with the user_version bump, so a crash leaves either the old or the new
 * schema. Never edit a shipped migration; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the registry */ `
  CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE artifacts (
    hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
    bytes INTEGER NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seq INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    keep_train INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- One dataset per task: source, schema, class counts, hash, holdout split, stored sets.
  CREATE TABLE datasets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
    source_json TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    schema_json TEXT NOT NULL,
    input_shape_json TEXT NOT NULL,
    class_names_json TEXT NOT NULL,
    class_counts_json TEXT NOT NULL,
    stats_json TEXT,
    holdout_json TEXT NOT NULL,
    n_train INTEGER NOT NULL,
    n_test INTEGER NOT NULL,
    train_hash TEXT REFERENCES artifacts(hash),
    test_hash TEXT REFERENCES artifacts(hash),
    train_bytes INTEGER NOT NULL,
    test_bytes INTEGER NOT NULL,
    train_dropped_at TEXT,
    created_at TEXT NOT NULL
  );

  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    args_json TEXT NOT NULL,
    task_id INTEGER REFERENCES tasks(id),
    status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled','interrupted')),
    progress_json TEXT,
    error_json TEXT,
    result_json TEXT,
    checkpoint_hash TEXT REFERENCES artifacts(hash),
    pid INTEGER,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX jobs_status ON jobs(status);

  CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    parent_id INTEGER REFERENCES versions(id),
    job_id INTEGER REFERENCES jobs(id),
    status TEXT NOT NULL CHECK (status IN ('candidate','active','rejected','superseded')),
    snapshot_hash TEXT NOT NULL REFERENCES artifacts(hash),
    method TEXT NOT NULL,
    config_json TEXT NOT NULL,
    seed INTEGER NOT NULL,
    backend TEXT NOT NULL,
    metrics_json TEXT NOT NULL,
    accuracy_row_json TEXT NOT NULL,
    transfer_row_json TEXT NOT NULL,
    drift_json TEXT,
    timings_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX versions_one_active ON versions(status) WHERE status = 'active';

  CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER REFERENCES versions(id),
    task_id INTEGER REFERENCES tasks(id),
    kind TEXT NOT NULL CHECK (kind IN ('accuracy','transfer')),
    row_json TEXT NOT NULL,
    task_ids_json TEXT NOT NULL,
    details_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE approvals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    decision TEXT NOT NULL CHECK (decision IN ('approve','reject','rollback','override')),
    by TEXT NOT NULL,
    comment TEXT NOT NULL,
    policy_results_json TEXT,
    created_at TEXT NOT NULL
  );

  CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    format TEXT NOT NULL,
    path TEXT,
    hash TEXT REFERENCES artifacts(hash),
    version_id INTEGER REFERENCES versions(id),
    details_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  -- Append-only: hash = sha256(prev_hash || canonical JSON of the entry).
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
  );
  CREATE INDEX audit_action ON audit(action);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  /* 2: baselines measured on the workspace's own tasks (one row per method and seed) */ `
  CREATE TABLE baseline_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id INTEGER REFERENCES jobs(id),
    -- the lineage (active version when measured) whose tasks, order, splits and budget it copies
    lineage_version_id INTEGER NOT NULL REFERENCES versions(id),
    method TEXT NOT NULL,
    seed INTEGER NOT NULL,
    backend TEXT NOT NULL,
    config_json TEXT NOT NULL,
    task_ids_json TEXT NOT NULL,
    skipped_json TEXT NOT NULL,
    result_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX baseline_runs_lineage ON baseline_runs(lineage_version_id);
  `,
  /* 3: the audit chain vouches for registry rows (see registrySeal.ts); null on entries sealing none */ `
  ALTER TABLE audit ADD COLUMN seal_json TEXT;
  `
]

/** 'KZKU': marks a SQLite file as a Keizoku registry. */
export const APPLICATION_ID = 0x4b5a4b55

export function schemaVersion(db: SqlDatabase): number {
  return Number(db.pragma('user_version')[0]?.user_version ?? 0)
}

/** Apply every migration above the database's user_version, each in its own transaction. */
export function migrate(db: SqlDatabase): number {
  const current = schemaVersion(db)
  if (current > MIGRATIONS.length) {
    throw new KeizokuError(
      'conflict',
      `This workspace was written by a newer Keizoku (schema ${current}; this version knows ${MIGRATIONS.length}).`,
      { hint: 'Update Keizoku to open it.' }
    )
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v])
      db.exec(`PRAGMA user_version = ${v + 1}`)
      if (v === 0) db.exec(`PRAGMA application_id = ${APPLICATION_ID}`)
    })
  }
  return MIGRATIONS.length
}
