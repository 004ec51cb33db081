/**
 * The names every host may carry. Kept free of zod so the sandboxed preload can bundle it
 * without the validation library; `api.ts` and `events.ts` are checked against these lists at
 * compile time, so a call cannot exist in one place and not the other.
 */
export const CALL_NAMES = [
  'app.info',
  'app.pickFolder',
  'engine.selfTest',
  'workspace.create',
  'workspace.createDemo',
  'workspace.open',
  'workspace.current',
  'workspace.close',
  'workspace.recent',
  'workspace.check',
  'workspace.repair',
  'settings.get',
  'settings.set',
  'dataset.preview',
  'task.add',
  'task.list',
  'task.get',
  'task.remove',
  'transfer.get',
  'transfer.compute',
  'train.start',
  'train.cancel',
  'train.resume',
  'jobs.list',
  'baselines.start',
  'baselines.resume',
  'baselines.cancel',
  'baselines.list',
  'versions.list',
  'versions.compare',
  'version.approve',
  'version.reject',
  'version.rollback',
  'model.export',
  'report.build',
  'audit.list',
  'analysis.hscore',
  'analysis.metrics'
] as const

export const EVENT_NAMES = ['selfTest.progress', 'job.progress', 'job.updated', 'workspace.changed'] as const

export type CallName = (typeof CALL_NAMES)[number]
export type EventName = (typeof EVENT_NAMES)[number]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}

/** Electron IPC channel names, shared by main and preload. */
export const INVOKE_CHANNEL = 'keizoku:invoke'
export const EVENT_CHANNEL = 'keizoku:event'
