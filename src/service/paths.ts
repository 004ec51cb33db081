import { existsSync, realpathSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { KeizokuError } from '../shared/errors'

/** True when `p` is `root` or lies below it (lexically; callers resolve links first where it matters). */
export function isInside(root: string, p: string): boolean {
  const rel = relative(resolve(root), resolve(p))
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
}

/**
 * Resolves a user-supplied folder. Without a root (desktop, CLI) any path is the user's own
 * choice. With a root (browser mode) the path is taken relative to it and must stay inside it,
 * also after following symbolic links, so a page cannot reach files elsewhere on the machine.
 */
export function resolveUserPath(input: string, root: string | null): string {
  if (!root) return resolve(input)
  const rootReal = realpathSync(root)
  const target = resolve(rootReal, input)
  const outside = (p: string): boolean => !isInside(rootReal, p)
  if (outside(target)) {
    throw new KeizokuError('refused', `The folder "${input.slice(0, 200)}" is outside the workspace root ${rootReal}.`, {
      hint: 'In browser mode, workspaces live under the workspace root: give a name such as "line-3".'
    })
  }
  // Follow links on the deepest part that exists: a link inside the root may point outside it.
  let probe = target
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe)
  if (outside(realpathSync(probe))) {
    throw new KeizokuError('refused', `The folder "${input.slice(0, 200)}" leads outside the workspace root through a link.`)
  }
  return target
}
