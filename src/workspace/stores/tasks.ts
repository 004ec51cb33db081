import type { TaskData } from '../../shared/dataset'
import { KeizokuError } from '../../shared/errors'
import type { NewTask, TaskRecord, TaskStatus } from '../../shared/domain/records'
import { decodeLabelledSet, emptySet, encodeLabelledSet } from '../labelledSetFile'
import { assertOneOf, hashInUse, json, notFound, now, parseJson } from './rows'
import type { StoreContext } from './context'
import type { ArtifactRecords } from './artifacts'
import type { AuditLog } from '../audit'
import { say } from '../../shared/messages'

export const TASK_STATUSES: readonly TaskStatus[] = [
  'registered',
  'learning',
  'candidate',
  'learned',
  'failed',
  'retired'
]

export function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

// ───────────────────────────── row types ─────────────────────────────

interface TaskRow {
  id: number
  seq: number
  name: string
  status: string
  keep_train: number
  created_at: string
  updated_at: string
  source_json: string
  source_hash: string
  schema_json: string
  input_shape_json: string
  class_names_json: string
  class_counts_json: string
  stats_json: string | null
  holdout_json: string
  n_train: number
  n_test: number
  train_hash: string | null
  test_hash: string | null
  train_bytes: number
  test_bytes: number
  train_dropped_at: string | null
}

export const TASK_SELECT = `SELECT t.id, t.seq, t.name, t.status, t.keep_train, t.created_at, t.updated_at,
  d.source_json, d.source_hash, d.schema_json, d.input_shape_json, d.class_names_json, d.class_counts_json,
  d.stats_json, d.holdout_json, d.n_train, d.n_test, d.train_hash, d.test_hash, d.train_bytes, d.test_bytes,
  d.train_dropped_at
  FROM tasks t JOIN datasets d ON d.task_id = t.id`

export function toTask(r: TaskRow): TaskRecord {
  return {
    id: r.id,
    seq: r.seq,
    name: r.name,
    status: r.status as TaskStatus,
    inputShape: parseJson(r.input_shape_json),
    numClasses: parseJson<string[]>(r.class_names_json).length,
    classNames: parseJson(r.class_names_json),
    nTrain: r.n_train,
    nTest: r.n_test,
    keepTrain: r.keep_train === 1,
    trainHash: r.train_hash,
    testHash: r.test_hash,
    trainBytes: r.train_bytes,
    testBytes: r.test_bytes,
    trainDroppedAt: r.train_dropped_at,
    source: parseJson(r.source_json),
    sourceHash: r.source_hash,
    schema: parseJson(r.schema_json),
    classCounts: parseJson(r.class_counts_json),
    stats: parseJson(r.stats_json),
    holdout: parseJson(r.holdout_json),
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}
/** Tasks and their datasets (one dataset row per task): register, list, retire, drop training data. */
export class TaskStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly artifacts: ArtifactRecords,
    private readonly audit: AuditLog
  ) {}

  addTask(input: NewTask, actor = 'system'): TaskRecord {
    const name = input.name.trim()
    if (name.length === 0 || name.length > 100) {
      throw new KeizokuError('invalid_argument', 'A task name must have 1 to 100 characters.', {
        hint: 'Choose a short, distinct name, e.g. "Line 3, March".',
        say: say('task_name_length')
      })
    }
    const ds = input.dataset
    const { train, test } = ds.data
    const existing = this.ctx.db.get<{ id: number }>('SELECT id FROM tasks WHERE name = ?', name)
    if (existing) {
      throw new KeizokuError('conflict', `A task named "${name}" already exists (task ${existing.id}).`, {
        hint: 'Choose another name.',
        say: say('task_name_taken', { name, task: existing.id })
      })
    }
    const first = this.listTasks()[0]
    if (first && !sameShape(first.inputShape, train.inputShape)) {
      throw new KeizokuError(
        'refused',
        `The data has input shape [${train.inputShape.join(', ')}], but this workspace's tasks have [${first.inputShape.join(', ')}] (task "${first.name}").`,
        {
          hint: 'One hypernetwork serves every task, so all tasks need the same input: pick the same feature columns or image size.',
          say: say('input_shape_differs', {
            got: train.inputShape.join(', '),
            want: first.inputShape.join(', '),
            task: first.name
          })
        }
      )
    }
    if (train.numClasses !== ds.data.classNames.length) {
      throw new KeizokuError(
        'invalid_argument',
        `The dataset has ${ds.data.classNames.length} class names but numClasses ${train.numClasses}.`
      )
    }
    // Files first (durable), rows after: a crash in between leaves only an unreferenced file.
    const trainFile = train.n > 0 ? this.ctx.artifacts.write(encodeLabelledSet(train)) : null
    const testFile = test.n > 0 ? this.ctx.artifacts.write(encodeLabelledSet(test)) : null
    return this.ctx.transaction(() => {
      const t = now()
      const seq = (this.ctx.db.get<{ s: number | null }>('SELECT max(seq) AS s FROM tasks')?.s ?? 0) + 1
      const { lastInsertRowid: id } = this.ctx.db.run(
        'INSERT INTO tasks (seq, name, status, keep_train, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        seq,
        name,
        'registered',
        input.keepTrain === false ? 0 : 1,
        t,
        t
      )
      if (trainFile) this.artifacts.registerArtifact(trainFile.hash, trainFile.size, 'dataset-train')
      if (testFile) this.artifacts.registerArtifact(testFile.hash, testFile.size, 'dataset-test')
      this.ctx.db.run(
        `INSERT INTO datasets (task_id, source_json, source_hash, schema_json, input_shape_json, class_names_json,
           class_counts_json, stats_json, holdout_json, n_train, n_test, train_hash, test_hash, train_bytes, test_bytes,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        json(ds.source),
        ds.sourceHash,
        json(ds.schema),
        json(train.inputShape),
        json(ds.data.classNames),
        json(ds.classCounts),
        ds.stats ? json(ds.stats) : null,
        json(ds.holdout),
        train.n,
        test.n,
        trainFile?.hash ?? null,
        testFile?.hash ?? null,
        trainFile?.size ?? 0,
        testFile?.size ?? 0,
        t
      )
      this.audit.appendAudit({
        actor,
        action: 'task.added',
        subject: `task:${id}`,
        details: {
          name,
          seq,
          source: ds.source,
          nTrain: train.n,
          nTest: test.n,
          classes: ds.data.classNames.length,
          inputShape: train.inputShape,
          trainHash: trainFile?.hash ?? null,
          testHash: testFile?.hash ?? null
        }
      })
      return this.getTask(id)
    })
  }

  listTasks(): TaskRecord[] {
    return this.ctx.db.all<TaskRow>(`${TASK_SELECT} ORDER BY t.seq`).map(toTask)
  }

  getTask(idOrName: number | string): TaskRecord {
    const row =
      typeof idOrName === 'number'
        ? this.ctx.db.get<TaskRow>(`${TASK_SELECT} WHERE t.id = ?`, idOrName)
        : this.ctx.db.get<TaskRow>(`${TASK_SELECT} WHERE t.name = ?`, idOrName)
    if (!row) throw notFound('task', idOrName)
    return toTask(row)
  }

  setTaskStatus(id: number, status: TaskStatus): TaskRecord {
    assertOneOf(status, TASK_STATUSES, 'task status')
    const r = this.ctx.db.run('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?', status, now(), id)
    if (r.changes === 0) throw notFound('task', id)
    return this.getTask(id)
  }

  removeTask(id: number, actor = 'system'): void {
    const freed: string[] = []
    this.ctx.transaction(() => {
      const task = this.getTask(id)
      const refs = this.ctx.db.get<{ jobs: number; versions: number; evaluations: number }>(
        `SELECT (SELECT count(*) FROM jobs WHERE task_id = ?) AS jobs,
                (SELECT count(*) FROM versions WHERE task_id = ?) AS versions,
                (SELECT count(*) FROM evaluations WHERE task_id = ?) AS evaluations`,
        id,
        id,
        id
      )
      if (refs && refs.jobs + refs.versions + refs.evaluations > 0) {
        throw new KeizokuError(
          'conflict',
          `Task "${task.name}" cannot be removed: ${refs.jobs} job(s), ${refs.versions} model version(s) and ${refs.evaluations} evaluation(s) refer to it.`,
          {
            hint: 'Only a task that was never trained or evaluated can be removed.',
            say: say('task_in_use', {
              task: task.name,
              jobs: refs.jobs,
              versions: refs.versions,
              evaluations: refs.evaluations
            })
          }
        )
      }
      this.ctx.db.run('DELETE FROM datasets WHERE task_id = ?', id)
      this.ctx.db.run('DELETE FROM tasks WHERE id = ?', id)
      for (const h of [task.trainHash, task.testHash]) {
        if (h && !hashInUse(this.ctx.db, h)) {
          this.ctx.db.run('DELETE FROM artifacts WHERE hash = ?', h)
          freed.push(h)
        }
      }
      this.audit.appendAudit({
        actor,
        action: 'task.removed',
        subject: `task:${id}`,
        details: { name: task.name, seq: task.seq }
      })
    })
    for (const h of freed) this.artifacts.forgetArtifactFile(h)
  }

  loadTaskData(id: number): TaskData {
    const task = this.getTask(id)
    const what = (part: string): string => `${part} data of task ${task.id} ("${task.name}")`
    const train = task.trainHash
      ? decodeLabelledSet(this.ctx.artifacts.read(task.trainHash, what('training')))
      : emptySet(task.inputShape, task.numClasses)
    const test = task.testHash
      ? decodeLabelledSet(this.ctx.artifacts.read(task.testHash, what('holdout')))
      : emptySet(task.inputShape, task.numClasses)
    return { name: task.name, train, test, classNames: task.classNames }
  }

  dropTrainingData(id: number, actor = 'system'): TaskRecord {
    let freed: string | null = null
    const task = this.ctx.transaction(() => {
      const t = this.getTask(id)
      if (!t.trainHash) return t
      this.ctx.db.run('UPDATE datasets SET train_hash = NULL, train_dropped_at = ? WHERE task_id = ?', now(), id)
      this.ctx.db.run('UPDATE tasks SET updated_at = ? WHERE id = ?', now(), id)
      if (!hashInUse(this.ctx.db, t.trainHash)) {
        this.ctx.db.run('DELETE FROM artifacts WHERE hash = ?', t.trainHash)
        freed = t.trainHash
      }
      this.audit.appendAudit({
        actor,
        action: 'task.training-data-dropped',
        subject: `task:${id}`,
        details: { name: t.name, hash: t.trainHash, bytes: t.trainBytes }
      })
      return this.getTask(id)
    })
    if (freed) this.artifacts.forgetArtifactFile(freed)
    return task
  }
}
