import type { TaskState } from '@shared/types'

/** Naive UI tag and timeline colour of each task state, the same on every screen. */
export const STATE_TAG: Record<TaskState, 'default' | 'info' | 'warning' | 'success' | 'error'> = {
  registered: 'default',
  learning: 'info',
  candidate: 'warning',
  approved: 'success',
  rejected: 'error'
}
