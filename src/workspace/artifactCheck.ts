import type { ArtifactCheck, ArtifactProblem } from '../shared/domain/records'
import type { ArtifactStore } from './artifactStore'
import type { SqlDatabase } from './db'

export interface ArtifactReference {
  hash: string
  referencedBy: string[]
}

/** Every artifact hash a row points at, with a human description of each user. */
export function collectReferences(db: SqlDatabase): Map<string, ArtifactReference> {
  const refs = new Map<string, ArtifactReference>()
  const add = (hash: string | null, by: string): void => {
    if (!hash) return
    const r = refs.get(hash) ?? { hash, referencedBy: [] }
    r.referencedBy.push(by)
    refs.set(hash, r)
  }
  const ds = db.all<{ id: number; name: string; train_hash: string | null; test_hash: string | null }>(
    'SELECT t.id, t.name, d.train_hash, d.test_hash FROM datasets d JOIN tasks t ON t.id = d.task_id'
  )
  for (const d of ds) {
    add(d.train_hash, `task ${d.id} ("${d.name}") training data`)
    add(d.test_hash, `task ${d.id} ("${d.name}") holdout data`)
  }
  for (const v of db.all<{ id: number; snapshot_hash: string }>('SELECT id, snapshot_hash FROM versions')) {
    add(v.snapshot_hash, `model version ${v.id} snapshot`)
  }
  for (const j of db.all<{ id: number; checkpoint_hash: string | null }>('SELECT id, checkpoint_hash FROM jobs')) {
    add(j.checkpoint_hash, `job ${j.id} checkpoint`)
  }
  for (const r of db.all<{ id: number; hash: string | null }>('SELECT id, hash FROM reports'))
    add(r.hash, `report ${r.id}`)
  for (const a of db.all<{ hash: string; kind: string }>('SELECT hash, kind FROM artifacts')) {
    if (!refs.has(a.hash)) add(a.hash, `stored ${a.kind} artifact`)
  }
  return refs
}

/** Re-hash every referenced file; files nobody references are orphans. */
export function verifyArtifactFiles(store: ArtifactStore, refs: Map<string, ArtifactReference>): ArtifactCheck {
  const problems: ArtifactProblem[] = []
  for (const ref of refs.values()) {
    const actual = store.actualHash(ref.hash)
    if (actual === null) {
      problems.push({
        hash: ref.hash,
        problem: 'missing',
        referencedBy: ref.referencedBy,
        detail: `${store.pathOf(ref.hash)} does not exist`
      })
    } else if (actual !== ref.hash) {
      problems.push({
        hash: ref.hash,
        problem: 'corrupt',
        referencedBy: ref.referencedBy,
        detail: `${store.pathOf(ref.hash)} has sha-256 ${actual.slice(0, 12)}… (content changed or damaged)`
      })
    }
  }
  const files = store.listFiles()
  const orphans = [...files.hashes.filter((h) => !refs.has(h)).map((h) => store.pathOf(h)), ...files.temp]
  return { checked: refs.size, problems, orphans }
}
