import type { VersionView } from '@shared/types'

/** A version row as versions.list returns it, with test-chosen id, status and accuracy row. */
export function version(id: number, status: VersionView['status'], accuracyRow: number[] = []): VersionView {
  return {
    id,
    taskId: id,
    parentId: id > 1 ? id - 1 : null,
    jobId: id,
    status,
    snapshotHash: 'h',
    method: 'hemb',
    config: {},
    seed: 0,
    backend: 'wasm',
    metrics: {},
    accuracyRow,
    transferRow: [],
    drift: null,
    timings: {},
    createdAt: '2026-11-28T01:00:00.000Z',
    updatedAt: '2026-11-28T01:00:00.000Z',
    taskName: `T${id}`,
    taskIds: [],
    parameterCounts: null,
    configName: null
  }
}
