/**
 * Storage stated honestly for a hypernetwork: it has a fixed size (Θ, incl. the chunk
 * embeddings) plus one embedding per task, against one main network per task:
 *
 *   hypernetwork(T) = 4 B × (shared + perTask × T)      separate models(T) = 4 B × mainNet × T
 *   it stores less from T* = ⌊shared / (mainNet − perTask)⌋ + 1 tasks on (never if perTask ≥ mainNet)
 *
 * Only for methods whose per-task part is smaller than a main network (the hypernetworks).
 */
import type { MethodSummary } from './roiReport'

export interface StorageCrossover {
  method: string
  tasks: number
  fixedBytes: number
  mainNetBytes: number
  perTaskBytes: number
  /** Fixed part ÷ one main network. */
  ratio: number
  /** Smallest task count from which the hypernetwork stores less than separate models; null = never. */
  crossoverTasks: number | null
  hypernetBytes: number
  separateBytes: number
  /** Separate models as measured: the `independent` baseline's parameter counts on this workspace. */
  measuredSeparate: { tasks: number; bytes: number } | null
}

export function crossoverTasks(shared: number, perTask: number, mainNet: number): number | null {
  if (perTask >= mainNet) return null
  return Math.floor(shared / (mainNet - perTask)) + 1
}

export function storageCrossover(main: MethodSummary, all: MethodSummary[]): StorageCrossover | null {
  const pc = main.parameterCounts
  if (!pc || pc.shared === 0 || pc.perTask >= pc.mainNet) return null
  const T = main.tasks
  const ind = all.find((m) => m.method === 'independent' && m.runIds && m.parameterCounts)
  return {
    method: main.method,
    tasks: T,
    fixedBytes: 4 * pc.shared,
    mainNetBytes: 4 * pc.mainNet,
    perTaskBytes: 4 * pc.perTask,
    ratio: pc.shared / pc.mainNet,
    crossoverTasks: crossoverTasks(pc.shared, pc.perTask, pc.mainNet),
    hypernetBytes: 4 * (pc.shared + pc.perTask * T),
    separateBytes: 4 * pc.mainNet * T,
    measuredSeparate: ind ? { tasks: ind.tasks, bytes: 4 * ind.parameterCounts!.perTask * ind.tasks } : null
  }
}
