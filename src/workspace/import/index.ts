import { KeizokuError } from '../../shared/errors'
import type { DatasetPreview, DatasetSource, ImportedDataset, ImportOptions, Problem } from '../types'

/** Every error-severity problem of a failed import, thrown together. */
export class DatasetProblemsError extends KeizokuError {
  readonly problems: Problem[]
  constructor(message: string, problems: Problem[], hint?: string) {
    super('invalid_argument', message, { hint, detail: problems.map((p) => p.message).join('\n') })
    this.problems = problems
  }
}

export async function importDataset(source: DatasetSource, _opts: ImportOptions = {}): Promise<ImportedDataset> {
  throw new KeizokuError('unavailable', `import of ${source.kind} is not implemented yet.`)
}

export async function previewDataset(source: DatasetSource, _opts: ImportOptions = {}): Promise<DatasetPreview> {
  throw new KeizokuError('unavailable', `preview of ${source.kind} is not implemented yet.`)
}
