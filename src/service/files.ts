import { resolve } from 'node:path'
import { writeFileAtomic as writeAtomic } from '../common/atomicFile'
import { KeizokuError } from '../shared/errors'

/**
 * Writes a file the user asked for (a report, an exported model, bench results) atomically
 * (common/atomicFile.ts), creating missing parent folders; a failure is one error naming the
 * file and the fix. (Files inside a workspace go through src/workspace.)
 */
export function writeFileAtomic(file: string, data: Uint8Array | string, what = 'the file'): void {
  const abs = resolve(file)
  try {
    writeAtomic(abs, data, { mkdir: true })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw new KeizokuError('unavailable', `Cannot write ${what} to ${abs}: ${e.message}.`, {
      hint: 'Choose a folder you can write to.'
    })
  }
}
