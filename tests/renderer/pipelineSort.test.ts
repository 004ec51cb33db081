import { describe, expect, it } from 'vitest'
import type { TaskView } from '@shared/types'
import { sortTasks } from '../../src/renderer/src/pipelineSort'

const task = (seq: number, state: TaskView['state'], accuracy: number | null, createdAt: string): TaskView =>
  ({ id: seq * 10, seq, name: `t${seq}`, state, accuracy, createdAt }) as TaskView

const tasks = [
  task(1, 'approved', 0.91, '2026-12-01T10:00:00Z'),
  task(2, 'approved', 0.97, '2026-12-01T09:00:00Z'),
  task(3, 'candidate', null, '2026-12-02T08:00:00Z'),
  task(4, 'registered', null, '2026-11-30T08:00:00Z'),
  task(5, 'rejected', null, '2026-12-02T09:00:00Z'),
  task(6, 'approved', 0.91, '2026-12-01T11:00:00Z')
]
const seqs = (sort: Parameters<typeof sortTasks>[1]): number[] => sortTasks(tasks, sort).map((t) => t.seq)

describe('pipeline table sorting', () => {
  it('by order, either way', () => {
    expect(seqs({ key: 'order', descending: false })).toEqual([1, 2, 3, 4, 5, 6])
    expect(seqs({ key: 'order', descending: true })).toEqual([6, 5, 4, 3, 2, 1])
  })
  it('by accuracy: tasks without one last in both directions, ties in pipeline order', () => {
    expect(seqs({ key: 'accuracy', descending: true })).toEqual([2, 1, 6, 3, 4, 5])
    expect(seqs({ key: 'accuracy', descending: false })).toEqual([1, 6, 2, 3, 4, 5])
  })
  it('by status: approved, candidate, learning, registered, rejected', () => {
    expect(seqs({ key: 'status', descending: false })).toEqual([1, 2, 6, 3, 4, 5])
  })
  it('by registration date', () => {
    expect(seqs({ key: 'date', descending: true })).toEqual([5, 3, 6, 1, 2, 4])
  })
  it('does not reorder the list it was given', () => {
    sortTasks(tasks, { key: 'date', descending: true })
    expect(tasks.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6])
  })
})
