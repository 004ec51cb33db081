import { existsSync, realpathSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'

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
/** What a user path names, so a refusal says "file" or "folder" and gives advice that fits. */
export type PathKind = 'workspace' | 'folder' | 'file'

const HINTS: Record<PathKind, (root: string) => string> = {
  workspace: () => 'In browser mode, workspaces live under the workspace root: give a name such as "line-3".',
  folder: (root) => `In browser mode, give a folder inside ${root}, as a path relative to it (e.g. "exports/model").`,
  file: (root) =>
    `In browser mode, files must lie inside ${root}: copy the file there and give its path relative to it (e.g. "imports/data.csv").`
}

export function resolveUserPath(input: string, root: string | null, kind: PathKind = 'folder'): string {
  if (!root) return resolve(input)
  const rootReal = realpathSync(root)
  const target = resolve(rootReal, input)
  const outside = (p: string): boolean => !isInside(rootReal, p)
  if (outside(target)) {
    throw new KeizokuError(
      'refused',
      `The ${noun(kind)} "${input.slice(0, 200)}" is outside the workspace root ${rootReal}.`,
      {
        hint: HINTS[kind](rootReal),
        say: say(`path_outside_root.${kind}`, { input: input.slice(0, 200), root: rootReal })
      }
    )
  }
  // Follow links on the deepest part that exists: a link inside the root may point outside it.
  let probe = target
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe)
  if (outside(realpathSync(probe))) {
    throw new KeizokuError(
      'refused',
      `The ${noun(kind)} "${input.slice(0, 200)}" leads outside the workspace root through a link.`,
      {
        say: say(`path_link_outside.${noun(kind)}`, { input: input.slice(0, 200) })
      }
    )
  }
  return target
}

function noun(kind: PathKind): string {
  return kind === 'file' ? 'file' : 'folder'
}
