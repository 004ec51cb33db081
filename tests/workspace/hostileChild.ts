/**
 * Child process of hostileFiles.test.ts: previews and imports one dataset source and reports
 * the problems, how the import failed, and the process's peak resident memory (Linux VmHWM),
 * so each hostile file is measured in a process of its own.
 * Usage: node --import tsx tests/workspace/hostileChild.ts '<DatasetSource as JSON>'
 */
import { existsSync, readFileSync } from 'node:fs'
import { importDataset, previewDataset, type DatasetSource } from '../../src/workspace'

function peakKb(): number | null {
  if (!existsSync('/proc/self/status')) return null
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return m ? Number(m[1]) : null
}

async function main(): Promise<void> {
  const source = JSON.parse(process.argv[2]) as DatasetSource
  const preview = await previewDataset(source)
  let imported: { ok: boolean; name?: string; code?: string; message?: string }
  try {
    await importDataset(source)
    imported = { ok: true }
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string }
    imported = { ok: false, name: e.name, code: e.code, message: e.message }
  }
  const errors = preview.problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ code: p.code, message: p.message, fix: p.fix }))
  process.stdout.write(JSON.stringify({ errors, imported, peakKb: peakKb() }))
}

main().catch((err: unknown) => {
  process.stdout.write(
    JSON.stringify({ crashed: err instanceof Error ? `${err.name}: ${err.message}` : String(err), peakKb: peakKb() })
  )
  process.exitCode = 3
})
