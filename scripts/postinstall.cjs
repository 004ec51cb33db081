// `npm install` / `npm ci` hook: rebuild native dependencies (better-sqlite3, tfjs-node) for
// Electron's ABI with `electron-builder install-app-deps`, so `npm start` works on a desktop
// machine. It downloads Electron headers, so it is skipped in CI, where the Electron binary is
// absent (build machines without internet), when electron-builder is not installed
// (`--omit=dev`), or when KEIZOKU_SKIP_APP_DEPS is set. It never fails the install: any
// problem is reported in one line and the script exits 0.
//
// Note: after the rebuild, better-sqlite3 is built for Electron, not for the Node.js that runs
// the CLI and the unit tests; `npm rebuild better-sqlite3` switches it back.
const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')
const { spawnSync } = require('node:child_process')

const root = join(__dirname, '..')

/** Why the rebuild is skipped, or undefined when it should run. Exported for the test. */
function skipReason(env, exists, read) {
  if (env.CI) return 'CI is set'
  if (env.KEIZOKU_SKIP_APP_DEPS) return 'KEIZOKU_SKIP_APP_DEPS is set'
  const builder = join(root, 'node_modules/electron-builder/cli.js')
  if (!exists(builder)) return 'electron-builder is not installed'
  const pathTxt = join(root, 'node_modules/electron/path.txt')
  if (!exists(pathTxt)) return 'the Electron binary is not installed'
  const binary = join(root, 'node_modules/electron/dist', read(pathTxt).trim())
  if (!exists(binary)) return 'the Electron binary is not installed'
  return undefined
}

function main() {
  const reason = skipReason(process.env, existsSync, (p) => readFileSync(p, 'utf8'))
  if (reason) {
    console.log(`keizoku postinstall: skipping electron-builder install-app-deps (${reason}).`)
    return
  }
  const cli = join(root, 'node_modules/electron-builder/cli.js')
  const r = spawnSync(process.execPath, [cli, 'install-app-deps'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) {
    console.warn(
      `keizoku postinstall: electron-builder install-app-deps failed (exit ${r.status ?? r.signal}); the desktop app may not start until it succeeds. Run \`npx electron-builder install-app-deps\` to retry.`
    )
  }
}

module.exports = { skipReason }

if (require.main === module) {
  try {
    main()
  } catch (err) {
    console.warn(`keizoku postinstall: skipped after an error: ${err && err.message}`)
  }
  process.exitCode = 0
}
