import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Lints source text as if it were a file at `path`, with the project's own eslint.config.mjs.
const root = resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: root })
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) })
  return result.messages.filter((m) => m.ruleId === 'keizoku/layers').map((m) => m.message)
}

describe('the layering is enforced by lint', () => {
  it('fails a renderer file that imports the workspace, naming the layer and the fix', async () => {
    const errors = await layerErrors(
      'src/renderer/src/components/Forbidden.vue',
      `<script setup lang="ts">\nimport type { TaskRecord } from '../../../workspace/index'\ndefineProps<{ t: TaskRecord }>()\n</script>\n<template><div /></template>\n`
    )
    expect(errors).toEqual([
      "src/renderer may import only src/renderer, src/shared; '../../../workspace/index' reaches src/workspace. Fix: the renderer talks to the service through its Transport; import types from src/shared."
    ])
  })

  it('fails each forbidden step down the plan and passes the allowed ones', async () => {
    const cases: Array<[string, string, number]> = [
      ['src/shared/x.ts', "import { createLearner } from '../engine/learner'", 1],
      ['src/engine/x.ts', "export { openWorkspace } from '../workspace/index'", 1],
      ['src/workspace/x.ts', "const m = import('../service/service')", 1],
      ['src/server/x.ts', "import type { Learner } from '../engine/types'", 1],
      ['src/main/x.ts', "import { openWorkspace } from '../workspace/index'", 1],
      ['src/preload/x.ts', "import { Service } from '../service/service'", 1],
      ['src/renderer/src/x.ts', "import { METHODS } from '@shared/domain/methods'", 0],
      ['src/engine/x.ts', "import { mulberry32 } from '../common/random'", 0],
      ['src/workspace/x.ts', "import { benchmarkTask } from '../common/benchmarks'", 0],
      ['src/service/x.ts', "import { openWorkspace } from '../workspace/index'", 0],
      ['src/server/x.ts', "import { Service } from '../service/service'", 0],
      // Every CLI command goes through the service: none may reach the engine or a workspace.
      ['src/cli/commands/x.ts', "import { hScore } from '../../engine/hscore'", 1],
      ['src/cli/commands/x.ts', "import { openWorkspace } from '../../workspace'", 1],
      ['src/cli/commands/x.ts', "import { Service } from '../../service/service'", 0]
    ]
    for (const [path, code, count] of cases) {
      expect({ path, code, errors: (await layerErrors(path, `${code}\n`)).length }).toEqual({
        path,
        code,
        errors: count
      })
    }
  })
})
