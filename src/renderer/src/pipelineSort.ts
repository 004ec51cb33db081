import type { TaskState, TaskView } from '@shared/types'

export const PIPELINE_SORT_KEYS = ['order', 'status', 'accuracy', 'date'] as const
export type PipelineSortKey = (typeof PIPELINE_SORT_KEYS)[number]
export interface PipelineSort {
  key: PipelineSortKey
  descending: boolean
}

/** Status order for sorting: learned first, then what needs a decision, what runs, what waits, what was rejected. */
const STATE_RANK: Record<TaskState, number> = { approved: 0, candidate: 1, learning: 2, registered: 3, rejected: 4 }

/**
 * The tasks sorted by the chosen column. Ties (and tasks without an accuracy, which always come
 * last whatever the direction) keep the pipeline order, so the table never shuffles.
 */
export function sortTasks(tasks: TaskView[], sort: PipelineSort): TaskView[] {
  const dir = sort.descending ? -1 : 1
  const key = (t: TaskView): number | null => {
    switch (sort.key) {
      case 'order':
        return t.seq
      case 'status':
        return STATE_RANK[t.state]
      case 'accuracy':
        return t.accuracy
      case 'date':
        return Date.parse(t.createdAt)
    }
  }
  return [...tasks].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka === null || kb === null) return ka === kb ? a.seq - b.seq : ka === null ? 1 : -1
    return ka !== kb ? dir * (ka - kb) : a.seq - b.seq
  })
}
