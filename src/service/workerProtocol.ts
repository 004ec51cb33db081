import type { ErrorInfo } from '../shared/errors'

/**
 * Messages between the service and a job worker. Cancellation goes through a shared Int32
 * flag rather than a message, because a worker busy in a training step does not read its
 * message queue until the step returns; the flag is read between steps.
 */
export type WorkerJob = { kind: 'backendInfo'; payload: Record<string, never> } | { kind: 'selfTest'; payload: { steps: number; seed: number } }

export type WorkerKind = WorkerJob['kind']

export interface WorkerStart {
  job: WorkerJob
  cancelFlag: SharedArrayBuffer
}

export type WorkerMessage =
  | { type: 'progress'; data: unknown }
  | { type: 'result'; data: unknown }
  | { type: 'error'; error: ErrorInfo }
