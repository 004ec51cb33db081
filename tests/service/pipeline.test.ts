import { availableParallelism } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../src/engine/backend'
import { workersForParallelWork } from '../../src/engine/backendEnv'
import { restoreLearner } from '../../src/engine/learner'
import { openWorkspace } from '../../src/workspace/index'
import { loadSnapshot } from '../../src/service/snapshots'
import type { VersionView } from '../../src/shared/types'
import { estimatorUsedIn, transferRecordIn } from '../../src/shared/transferability'
import { tempService } from './helpers'

/** Generated weights of every task a version learned, straight from its stored snapshot. */
function generated(dir: string, versionId: number): Float32Array[] {
  const ws = openWorkspace(dir)
  try {
    const learner = restoreLearner(loadSnapshot(ws, ws.getVersion(versionId)))
    const out = Array.from({ length: learner.tasksLearned }, (_, j) => learner.generatedWeights(j))
    learner.dispose()
    return out
  } finally {
    ws.close()
  }
}

describe('pipeline service: a 3-task built-in sequence end to end', { timeout: 300_000 }, () => {
  const { service, dir } = tempService()
  const versions: VersionView[] = []
  beforeAll(async () => {
    await initBackend()
    await service.invoke('workspace.create', { dir, name: 'split', by: 'tester' })
    for (let k = 0; k < 3; k++) {
      await service.invoke('task.add', {
        name: `digits-${k}`,
        source: { kind: 'builtin', benchmark: 'split-mnist', k },
        by: 'tester'
      })
    }
  })
  afterAll(() => service.close())

  it('lists the registered tasks in order, none learned', async () => {
    const tasks = await service.invoke('task.list', {})
    expect(tasks.map((t) => [t.name, t.state, t.numClasses])).toEqual([
      ['digits-0', 'registered', 2],
      ['digits-1', 'registered', 2],
      ['digits-2', 'registered', 2]
    ])
    const empty = await service.invoke('transfer.compute', {})
    expect(empty.sourceTaskIds).toEqual([])
  })

  it('trains the first two tasks into candidates and approves them', async () => {
    for (const name of ['digits-0', 'digits-1']) {
      // The first task names the shipped defaults (equal to the defaults, so the run is the same);
      // the second gives no config and continues under the same name.
      const configName = name === 'digits-0' ? 'product-defaults' : undefined
      const o = await service.invoke('train.start', {
        task: name,
        steps: 120,
        seed: 5,
        configName,
        wait: true,
        by: 'tester'
      })
      expect(o.job.status).toBe('succeeded')
      const v = o.version!
      expect(v.configName).toBe('product-defaults')
      expect(v.status).toBe('candidate')
      expect(v.accuracyRow).toHaveLength(versions.length + 1)
      expect(v.transferRow).toHaveLength(versions.length)
      expect(v.accuracyRow.at(-1)).toBeGreaterThan(0.9)
      // Under 'auto' with no measured pair yet (the first task has no earlier task to probe), the H-score.
      expect(estimatorUsedIn(v.metrics)).toEqual({
        choice: 'auto',
        estimator: 'hscore',
        rho: null,
        pairs: 0,
        guide: true
      })
      await expect(service.invoke('train.start', { task: 'digits-2', by: 'tester' })).rejects.toMatchObject({
        code: 'conflict'
      })
      const cmp = await service.invoke('versions.compare', { version: v.id })
      expect(cmp.policy.checks.at(-1)!.id).toBe('new-task-accuracy')
      const approved = await service.invoke('version.approve', {
        version: v.id,
        by: 'tester',
        comment: 'ok',
        override: !cmp.policy.pass
      })
      expect(approved.status).toBe('active')
      versions.push(approved)
    }
    const tasks = await service.invoke('task.list', {})
    expect(tasks.map((t) => t.state)).toEqual(['approved', 'approved', 'registered'])
    expect(tasks[0].accuracy).toBe(versions[1].accuracyRow[0])
  })

  it('computes the transferability matrix: rows are every task, columns the learned ones', async () => {
    const m = await service.invoke('transfer.compute', {})
    expect(m.sourceNames).toEqual(['digits-0', 'digits-1'])
    expect(m.targetNames).toEqual(['digits-0', 'digits-1', 'digits-2'])
    for (const row of m.scores) {
      for (const h of row) {
        // Two classes: an H-score lies in [0, C − 1] = [0, 1].
        expect(h).toBeGreaterThanOrEqual(0)
        expect(h).toBeLessThanOrEqual(1 + 1e-9)
      }
    }
    // A task's own weights separate its own data at least as well as another task's weights.
    expect(m.scores[0][0]!).toBeGreaterThan(m.scores[0][1]!)
    expect(m.embeddingMap.filter((p) => p.kind === 'learned')).toHaveLength(2)
    expect(await service.invoke('transfer.get', {})).toMatchObject({ scores: m.scores })
    // The rows were computed in parallel workers, one shard of tasks each; joined in task order
    // they equal the same rows computed here in one go.
    const ws = openWorkspace(dir)
    try {
      const active = ws.activeVersion()!
      const learner = restoreLearner(loadSnapshot(ws, active))
      const direct = ws.listTasks().map((t) => {
        const d = ws.loadTaskData(t.id)
        return learner.transferRow(d.test.n > 1 ? d.test : d.train)
      })
      learner.dispose()
      direct.forEach((row, i) => row.forEach((h, j) => expect(m.scores[i][j]).toBeCloseTo(h, 9)))
      const workers = ws.listEvaluations({ versionId: active.id, kind: 'transfer' }).map((e) => e.details.workers)
      expect(new Set(workers)).toEqual(new Set([Math.min(workersForParallelWork(availableParallelism()), 3)]))
    } finally {
      ws.close()
    }
  })

  it('rejecting a candidate leaves every old task’s generated weights bit-identical', async () => {
    const activeId = versions[1].id
    const before = generated(dir, activeId)
    await service.invoke('settings.set', { transferEstimator: 'shrinkage', by: 'tester' })
    const o = await service.invoke('train.start', { task: 'digits-2', steps: 120, wait: true, by: 'tester' })
    const cand = o.version!
    // The run record names the estimator set in Settings, the one pair measured so far, and what the guidance did with its row.
    expect(estimatorUsedIn(cand.metrics)).toEqual({
      choice: 'shrinkage',
      estimator: 'shrinkage',
      rho: null,
      pairs: 1,
      guide: true
    })
    const rec = transferRecordIn(cand.metrics)!
    expect(rec.estimator).toBe('shrinkage')
    expect(rec.guidance).toBe(rec.flat ? 'flat-fallback' : 'followed')
    await service.invoke('settings.set', { transferEstimator: 'auto', by: 'tester' })
    // Training did move the old tasks' weights inside the candidate (so the check below can fail).
    const inCandidate = generated(dir, cand.id)
    expect(Buffer.compare(Buffer.from(inCandidate[0].buffer), Buffer.from(before[0].buffer))).not.toBe(0)
    await expect(
      service.invoke('version.reject', { version: cand.id, by: 'tester', comment: '' })
    ).rejects.toMatchObject({ code: 'invalid_argument' })
    const rejected = await service.invoke('version.reject', { version: cand.id, by: 'tester', comment: 'not this one' })
    expect(rejected.status).toBe('rejected')
    const cur = await service.invoke('workspace.current', {})
    expect(cur!.activeVersionId).toBe(activeId)
    const after = generated(dir, activeId)
    expect(after).toHaveLength(before.length)
    after.forEach((w, j) => expect(Buffer.compare(Buffer.from(w.buffer), Buffer.from(before[j].buffer))).toBe(0))
    const tasks = await service.invoke('task.list', {})
    expect(tasks[2].state).toBe('rejected')
  })

  it('rolls back to the first version and records every decision in a verified audit chain', async () => {
    await expect(
      service.invoke('version.rollback', { to: versions[1].id, by: 'tester', comment: 'x' })
    ).rejects.toMatchObject({ code: 'conflict' })
    const v = await service.invoke('version.rollback', {
      to: versions[0].id,
      by: 'tester',
      comment: 'digits-1 regressed in the field'
    })
    expect(v.status).toBe('active')
    const tasks = await service.invoke('task.list', {})
    expect(tasks.map((t) => t.state)).toEqual(['approved', 'registered', 'rejected'])
    const audit = await service.invoke('audit.list', {})
    expect(audit.verification.ok).toBe(true)
    const actions = audit.entries.map((e) => e.action)
    for (const a of ['version.approved', 'version.rejected', 'version.rolled-back', 'train.finished'])
      expect(actions).toContain(a)
    const rb = audit.entries.find((e) => e.action === 'version.rolled-back')!
    expect(rb.actor).toBe('tester')
    expect(rb.details).toMatchObject({ comment: 'digits-1 regressed in the field', from: versions[1].id })
  })

  it('refuses what the pipeline does not allow, with precise errors', async () => {
    await expect(service.invoke('train.start', { task: 'digits-0', by: 'tester' })).rejects.toThrow(
      /already learned by the active version/
    )
    await expect(service.invoke('train.start', { task: 'nope', by: 'tester' })).rejects.toMatchObject({
      code: 'not_found'
    })
    await expect(
      service.invoke('train.start', { task: 'digits-2', configName: 'no-such-config', by: 'tester' })
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      service.invoke('train.start', { task: 'digits-2', configName: 'authors-pmnist', by: 'tester' })
    ).rejects.toThrow(/"authors-pmnist" describes a different network/)
    await expect(service.invoke('train.start', { task: 'digits-1', method: 'ewc', by: 'tester' })).rejects.toThrow(
      /learns with "hemb"/
    )
    await expect(service.invoke('task.remove', { task: 'digits-0' })).rejects.toThrow(/only tasks not yet learned/)
    await expect(service.invoke('version.approve', { version: versions[0].id, by: 'tester' })).rejects.toMatchObject({
      code: 'conflict'
    })
  })
})
