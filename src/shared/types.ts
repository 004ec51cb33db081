/** Domain types shared by every layer. Plain data only: they cross IPC, HTTP and worker boundaries. */

export type BackendName = 'tensorflow' | 'wasm' | 'cpu'

export interface BackendAttempt {
  backend: BackendName
  ok: boolean
  error?: string
}

export interface BackendInfo {
  name: BackendName
  /** Why this backend was chosen, in one sentence. */
  reason: string
  tfjsVersion: string
  attempts: BackendAttempt[]
}

export interface AppInfo {
  appVersion: string
  backend: BackendInfo
  platform: string
  arch: string
  nodeVersion: string
  host: 'electron' | 'browser' | 'cli'
}

export interface SelfTestArg {
  steps: number
  seed: number
}

export interface SelfTestResult {
  backend: BackendName
  seed: number
  steps: number
  losses: number[]
  finalAccuracy: number
  millis: number
}

export interface ProgressEvent {
  /** Job or call this progress belongs to. */
  id: string
  step: number
  totalSteps: number
  loss?: number
  etaSeconds?: number
}
