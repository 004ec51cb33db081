// `npm start`: preview the desktop app. Where the Electron binary is missing (build machines
// without internet), say so in one line instead of electron-vite's stack trace and exit 0.
const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')
const { spawnSync } = require('node:child_process')

const root = join(__dirname, '..')
const dir = join(root, 'node_modules/electron')
const pathTxt = join(dir, 'path.txt')
const binary = existsSync(pathTxt) ? join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim()) : undefined
if (!binary || !existsSync(binary)) {
  console.error(
    'keizoku: the Electron binary is not installed on this machine (node_modules/electron/dist is empty), so the desktop app cannot start here. Run `npm run serve` to use Keizoku in a browser instead.'
  )
  process.exit(1)
}
const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
const r = spawnSync(process.execPath, [cli, 'preview', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
process.exit(r.status ?? 1)
