import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronBindingPath, sqliteNativeBinding } from '../../src/workspace/sqliteBinding'

describe('better-sqlite3 binding choice', () => {
  const root = mkdtempSync(join(tmpdir(), 'keizoku-binding-'))

  it('uses the stock build under Node', () => {
    expect(sqliteNativeBinding({ ...process.versions }, root)).toBeUndefined()
  })

  it('uses the Electron copy under Electron only when the postinstall built it', () => {
    const versions = { ...process.versions, electron: '45.5.0' } as NodeJS.ProcessVersions
    expect(sqliteNativeBinding(versions, root)).toBeUndefined()
    const p = electronBindingPath(root, '45.5.0')
    mkdirSync(join(p, '..'), { recursive: true })
    writeFileSync(p, 'binary')
    expect(sqliteNativeBinding(versions, root)).toBe(p)
    expect(sqliteNativeBinding({ ...versions, electron: '46.0.0' } as NodeJS.ProcessVersions, root)).toBeUndefined()
  })
})
