// `npm install` / `npm ci` hook: build better-sqlite3 for the installed Electron's ABI, so
// `npm start` works on a desktop machine. It downloads Electron headers, so it is skipped in CI,
// where the Electron binary is absent (build machines without internet), when electron-builder
// (and with it @electron/rebuild) is not installed (`--omit=dev`), or when KEIZOKU_SKIP_APP_DEPS
// is set. It never fails the install: any problem is reported in one line and the script exits 0.
//
// Why not `electron-builder install-app-deps`: it rebuilds better-sqlite3 IN PLACE, after which
// the Node.js that runs the CLI, `npm run serve` and the tests can no longer load it. Instead a
// second copy is built at node_modules/.keizoku-electron/<electron version>/better_sqlite3.node
// and src/workspace/sqliteBinding.ts hands it to better-sqlite3 when running under Electron.
// (tfjs-node is an N-API addon and loads in both runtimes unchanged.) Packaging is unaffected:
// electron-builder rebuilds the app's own modules for Electron when it builds installers.
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')

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

async function main() {
  const reason = skipReason(process.env, existsSync, (p) => readFileSync(p, 'utf8'))
  if (reason) {
    console.log(`keizoku postinstall: skipping the Electron build of better-sqlite3 (${reason}).`)
    return
  }
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
  const target = join(root, 'node_modules/.keizoku-electron', electronVersion, 'better_sqlite3.node')
  if (existsSync(target)) {
    console.log(`keizoku postinstall: better-sqlite3 for Electron ${electronVersion} is already built.`)
    return
  }
  const work = mkdtempSync(join(tmpdir(), 'keizoku-electron-sqlite-'))
  try {
    cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'node_modules/better-sqlite3'), { recursive: true })
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify({ name: 'keizoku-electron-sqlite', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } })
    )
    const { rebuild } = require(join(root, 'node_modules/@electron/rebuild'))
    await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true })
    mkdirSync(join(target, '..'), { recursive: true })
    cpSync(join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), target)
    console.log(`keizoku postinstall: built better-sqlite3 for Electron ${electronVersion} at ${target}.`)
  } catch (err) {
    console.warn(
      `keizoku postinstall: building better-sqlite3 for Electron failed (${err && err.message}); the desktop app cannot open workspaces until it succeeds. Run \`node scripts/postinstall.cjs\` to retry.`
    )
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

module.exports = { skipReason }

if (require.main === module) {
  main()
    .catch((err) => console.warn(`keizoku postinstall: skipped after an error: ${err && err.message}`))
    .finally(() => {
      process.exitCode = 0
    })
}
