import type { LearnerSnapshot, TrainCheckpoint } from '../engine/types'
import type { VersionRecord, Workspace } from '../workspace/index'

/** A version's learner snapshot: tensors from its artifact, the rest from the file's header. */
export function loadSnapshot(ws: Workspace, v: VersionRecord): LearnerSnapshot {
  const { records, meta } = ws.getTensorFile(v.snapshotHash)
  return { ...(meta as unknown as Omit<LearnerSnapshot, 'tensors'>), tensors: records }
}

export function loadCheckpoint(ws: Workspace, hash: string): TrainCheckpoint {
  const { records, meta } = ws.getTensorFile(hash)
  return { ...(meta as unknown as Omit<TrainCheckpoint, 'tensors'>), tensors: records }
}
