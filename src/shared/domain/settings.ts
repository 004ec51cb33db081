/** A workspace's settings: name, language, approval policy, costs, the transferability estimator. */
import type { EstimatorChoice } from '../transferability'
import type { Language } from './lists'

export interface ApprovalPolicy {
  /** Largest allowed drop of any old task's holdout accuracy, in accuracy points (1.0 = 1 %). */
  maxOldTaskDrop: number
  /** Smallest allowed holdout accuracy of the new task, as a fraction 0…1. */
  minNewTaskAccuracy: number
}

export interface CostSettings {
  computePerHour: number
  storagePerGBMonth: number
  /** What one accuracy point on one task is worth to the user, per month. */
  valuePerAccuracyPoint: number
  /** ISO 4217 code, e.g. 'USD', 'JPY'. */
  currency: string
}

export interface WorkspaceSettings {
  name: string
  language: Language
  policy: ApprovalPolicy
  costs: CostSettings
  /** Transferability estimator the H-embedding follows; 'auto' = best ρ once enough pairs, H-score before. */
  transferEstimator: EstimatorChoice
}

/** Defaults: policy { maxOldTaskDrop: 1.0, minNewTaskAccuracy: 0 }, costs { 1.0/h, 0.02/GB-month, 100/point, 'USD' }. */
export type SettingsPatch = {
  name?: string
  language?: Language
  policy?: Partial<ApprovalPolicy>
  costs?: Partial<CostSettings>
  transferEstimator?: EstimatorChoice
}
