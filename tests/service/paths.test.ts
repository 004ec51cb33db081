import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KeizokuError } from '../../src/shared/errors'
import { resolveUserPath } from '../../src/service/paths'

describe('browser-mode path confinement', () => {
  const root = mkdtempSync(join(tmpdir(), 'keizoku-root-'))
  mkdirSync(join(root, 'imports'))

  it('resolves a relative name inside the root', () => {
    expect(resolveUserPath('imports/data.csv', root, 'file')).toBe(join(root, 'imports/data.csv'))
  })

  it('calls a file a file, and advises copying it under the root', () => {
    expect(() => resolveUserPath('/etc/data.csv', root, 'file')).toThrow(/^The file "\/etc\/data\.csv" is outside/)
    try {
      resolveUserPath('/etc/data.csv', root, 'file')
    } catch (err) {
      expect((err as { hint?: string }).hint).toMatch(/copy the file there/)
      expect((err as { hint?: string }).hint).not.toMatch(/line-3/)
    }
  })

  it('keeps the workspace advice for workspace folders only', () => {
    expect(() => resolveUserPath('../elsewhere', root, 'workspace')).toThrow(/^The folder "\.\.\/elsewhere" is outside/)
    try {
      resolveUserPath('../elsewhere', root, 'workspace')
    } catch (err) {
      expect((err as { hint?: string }).hint).toMatch(/line-3/)
    }
  })

  it('a path outside the root is refused as a file, with a code and the values of its message', () => {
    let info
    try {
      resolveUserPath('/etc/data.csv', '/tmp', 'file')
    } catch (err) {
      info = (err as KeizokuError).toInfo()
    }
    expect(info?.message).toMatch(/^The file "\/etc\/data\.csv" is outside the workspace root/)
    expect(info?.say).toEqual({
      code: 'path_outside_root.file',
      params: { input: '/etc/data.csv', root: expect.any(String) }
    })
  })
})
