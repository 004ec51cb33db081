import { KeizokuError } from '../shared/errors'
import type { IntegrityReport, RepairReport } from './index'

export function checkWorkspace(dir: string): IntegrityReport {
  throw new KeizokuError('unavailable', `check is not implemented yet (${dir}).`)
}

export async function repairWorkspace(dir: string, _actor?: string): Promise<RepairReport> {
  throw new KeizokuError('unavailable', `repair is not implemented yet (${dir}).`)
}
