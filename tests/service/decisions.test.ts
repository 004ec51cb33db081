import { describe, expect, it } from 'vitest'
import { approve, reject } from '../../src/service/approval'
import { Trainer } from '../../src/service/training'
import { EventHub } from '../../src/service/events'
import { openWorkspace, type Workspace } from '../../src/workspace'
import { candidateWorkspace } from './helpers'

/** A workspace with one registered task and one candidate version of it (no training needed). */

/**
 * `ws` as another process sees it: when it enters its write transaction, `first` has just
 * committed (it won the lock). Whatever `ws` read before its transaction is then stale.
 */
function losingTheLock(ws: Workspace, first: () => void): Workspace {
  let fired = false
  return new Proxy(ws, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return <T>(fn: () => T): T => {
          if (!fired) {
            fired = true
            first()
          }
          return target.transaction(fn)
        }
      }
      const v = Reflect.get(target, prop, receiver) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    }
  })
}

describe('decisions are one compare-and-set inside the write transaction', () => {
  it.each([
    ['approve', 'reject'],
    ['reject', 'approve'],
    ['approve', 'approve'],
    ['reject', 'reject']
  ] as const)(
    '%s racing a %s that commits first: the second is refused, one decision recorded',
    async (late, early) => {
      const { dir, versionId } = await candidateWorkspace()
      const a = openWorkspace(dir)
      const b = openWorkspace(dir)
      const decide = (ws: Workspace, kind: 'approve' | 'reject', by: string): unknown =>
        kind === 'approve'
          ? approve(ws, { version: versionId, by })
          : reject(ws, { version: versionId, by, comment: 'no' })
      const racing = losingTheLock(a, () => decide(b, early, 'first'))
      expect(() => decide(racing, late, 'second')).toThrow(/another decision was made first|not a candidate/)
      const approvals = a.listApprovals({ versionId })
      expect(approvals.map((x) => [x.decision, x.by])).toEqual([[early, 'first']])
      expect(a.getVersion(versionId).status).toBe(early === 'approve' ? 'active' : 'rejected')
      expect(a.check().ok).toBe(true)
      a.close()
      b.close()
    }
  )

  it('prepare: two trainers passing the "no other job" check at once queue one job, not two', async () => {
    const { dir, versionId } = await candidateWorkspace()
    const a = openWorkspace(dir)
    reject(a, { version: versionId, by: 't', comment: 'retrain' })
    const b = openWorkspace(dir)
    const first = new Trainer(new EventHub())
    const second = new Trainer(new EventHub())
    const racing = losingTheLock(a, () => first.prepare(b, { task: 'line 1', steps: 5 }))
    expect(() => second.prepare(racing, { task: 'line 1', steps: 5 })).toThrow(
      /Another training job \(\d+\) is running/
    )
    expect(a.listJobs({ kind: 'train' })).toHaveLength(1)
    a.close()
    b.close()
  })
})
