import { runCli } from './main'

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n')
}).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    process.stderr.write(`keizoku: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
