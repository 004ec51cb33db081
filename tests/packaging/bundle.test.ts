import { builtinModules } from 'node:module'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RENDERER_CSP } from '../../src/server/headers'
import { builtOut, ROOT, RUNTIME_FILES } from './built'

/**
 * Static checks of the BUILT app (Electron cannot start on build machines, so nothing here
 * runs Electron): the runtime files exist, every module the bundles load will be packed, the
 * window options in the main bundle keep Node out of the renderer, and the renderer's CSP
 * forbids eval.
 */
let out = ''

let temporary = false

beforeAll(() => {
  const b = builtOut()
  out = b.dir
  temporary = b.how.startsWith('built into')
  console.log(`bundle checks: ${b.how}`)
}, 120_000)

afterAll(() => {
  if (temporary) rmSync(dirname(out), { recursive: true, force: true })
})

const read = (rel: string): string => readFileSync(join(out, rel), 'utf8')
const jsFiles = (dir: string): string[] =>
  readdirSync(join(out, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f))

/** Module ids a CommonJS bundle loads: require("x") and dynamic import("x"). */
const requires = (code: string): string[] =>
  [...code.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
const packageOf = (id: string): string => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0])

/**
 * Packages the main bundle may import lazily without shipping them, each with the reason the
 * packaged app never needs it.
 */
const LAZY_UNSHIPPED: Record<string, string> = {
  'playwright-core': 'headless-Chromium PDF printing for the CLI and browser mode; the desktop app prints with Electron'
}

/** Reads a JS literal as the bundle writes it (rollup may emit `!0` / `!1` for booleans). */
function literal(text: string): boolean | string {
  const t = text.trim()
  if (t === 'true' || t === '!0') return true
  if (t === 'false' || t === '!1') return false
  return t
}

/** Every `key: value` in the bundle for a webPreferences key. */
function settings(code: string, key: string): Array<boolean | string> {
  return [...code.matchAll(new RegExp(`\\b${key}\\s*:\\s*([^,}\\n]+)`, 'g'))].map((m) => literal(m[1]))
}

/** The argument text of every `new <x>.BrowserWindow(...)` call, found by bracket matching. */
function browserWindowCalls(code: string): string[] {
  const calls: string[] = []
  for (const m of code.matchAll(/new\s+(?:[\w$]+\.)?BrowserWindow\s*\(/g)) {
    let depth = 1
    let i = (m.index ?? 0) + m[0].length
    const start = i
    for (; i < code.length && depth > 0; i++) {
      if (code[i] === '(' || code[i] === '{') depth++
      else if (code[i] === ')' || code[i] === '}') depth--
    }
    calls.push(code.slice(start, i - 1))
  }
  return calls
}

describe('built app', () => {
  it('has every file the packaged app needs at run time', () => {
    for (const f of RUNTIME_FILES) expect(existsSync(join(out, f)), f).toBe(true)
    // Relative requires between main chunks resolve.
    for (const file of jsFiles('main')) {
      for (const id of requires(read(file)).filter((x) => x.startsWith('.'))) {
        expect(existsSync(join(out, dirname(file), id.endsWith('.js') ? id : `${id}.js`)), `${file} → ${id}`).toBe(true)
      }
    }
    // Every asset the renderer page references was emitted.
    const html = read('renderer/index.html')
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1])
    expect(assets.length).toBeGreaterThan(0)
    for (const a of assets) expect(existsSync(join(out, 'renderer', a)), a).toBe(true)
  })

  it('loads only Node built-ins, electron, and production dependencies (what electron-builder packs)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
      optionalDependencies?: Record<string, string>
    }
    const shipped = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})])
    const builtins = new Set(builtinModules)
    const bad: string[] = []
    for (const file of jsFiles('main')) {
      const code = read(file)
      for (const id of Object.keys(LAZY_UNSHIPPED)) {
        // Allowed only as a dynamic import (inside a function), never as a start-up require.
        expect(code, `${file}: ${id} must not be required at start-up`).not.toMatch(
          new RegExp(`\\brequire\\(\\s*["']${id}["']`)
        )
      }
      for (const id of requires(code)) {
        if (id.startsWith('.') || id === 'electron' || id in LAZY_UNSHIPPED) continue
        const bare = id.replace(/^node:/, '')
        if (id.startsWith('node:') || builtins.has(bare) || builtins.has(bare.split('/')[0])) continue
        if (!shipped.has(packageOf(id))) bad.push(`${file}: ${id}`)
      }
    }
    expect(bad, 'move these to "dependencies" or bundle them').toEqual([])
  })

  it('keeps the job worker free of Electron and of the main entry (it also runs under plain Node)', () => {
    const seen = new Set<string>()
    const visit = (rel: string): void => {
      if (seen.has(rel)) return
      seen.add(rel)
      for (const id of requires(read(rel)).filter((x) => x.startsWith('.'))) {
        visit(join(dirname(rel), id.endsWith('.js') ? id : `${id}.js`))
      }
    }
    visit(join('main', 'worker.js'))
    expect([...seen]).not.toContain(join('main', 'index.js'))
    for (const rel of seen) expect(requires(read(rel)), rel).not.toContain('electron')
  })

  it('has a sandbox-compatible preload: one file that requires nothing but electron', () => {
    expect(requires(read('preload/index.js'))).toEqual(['electron'])
  })

  it('creates every window with secureWebPreferences and never turns a protection off', () => {
    const main = read('main/index.js')
    const calls = browserWindowCalls(main)
    expect(calls.length).toBeGreaterThan(0)
    // Either the function itself, or a literal that starts by spreading it.
    for (const c of calls)
      expect(c).toMatch(/webPreferences\s*:\s*(secureWebPreferences\(|\{\s*\.\.\.secureWebPreferences\()/)

    const expected: Record<string, boolean> = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    }
    for (const file of jsFiles('main')) {
      const code = read(file)
      for (const [key, value] of Object.entries(expected)) {
        for (const got of settings(code, key)) expect(got, `${file}: ${key}`).toBe(value)
      }
      expect(code, file).not.toMatch(/experimentalFeatures\s*:\s*(true|!0)/)
    }
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity']) {
      expect(settings(main, key).length, `${key} is set explicitly in the main bundle`).toBeGreaterThan(0)
    }
  })

  it('evaluates the bundled secureWebPreferences to the safe values', () => {
    const main = read('main/index.js')
    const m = /function secureWebPreferences\(preload\)\s*\{[\s\S]*?\n\}/.exec(main)
    expect(m, 'secureWebPreferences is in the main bundle').not.toBeNull()
    const fn = new Function(`${m?.[0]}; return secureWebPreferences`)() as (p?: string) => Record<string, unknown>
    expect(fn()).not.toHaveProperty('preload')
    expect(fn('/x/preload.js')).toMatchObject({
      preload: '/x/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    })
  })

  it('wires the deny-by-default rules and the IPC sender check into the main bundle', () => {
    const main = read('main/index.js')
    for (const needle of [
      'enableSandbox()',
      '"web-contents-created"',
      '"session-created"',
      '"will-navigate"',
      '"will-frame-navigate"',
      '"will-redirect"',
      '"will-attach-webview"',
      'setWindowOpenHandler(',
      'setPermissionRequestHandler(',
      'setPermissionCheckHandler(',
      'setDevicePermissionHandler('
    ]) {
      expect(main, needle).toContain(needle)
    }
    // The IPC handler hands the sender frame to invokeFromIpc, which checks it before the service.
    const handler = /ipcMain\.handle\([\s\S]*?\n {2}\);/.exec(main)?.[0] ?? ''
    expect(handler).toMatch(/invokeFromIpc\(\s*service\d*,\s*event\.senderFrame/)
    const body = /async function invokeFromIpc\([\s\S]*?\n\}/.exec(main)?.[0] ?? ''
    expect(body).toMatch(/isTrustedSender\(frame, appUrl/)
    expect(body.indexOf('isTrustedSender')).toBeGreaterThan(0)
    expect(body.indexOf('isTrustedSender')).toBeLessThan(body.indexOf('.call('))
  })

  it("ships a renderer CSP without 'unsafe-eval' or inline scripts", () => {
    const html = read('renderer/index.html')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]
    expect(csp).toBe(RENDERER_CSP)
    expect(csp).not.toContain('unsafe-eval')
    const scriptSrc = csp?.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
    expect(scriptSrc.trim()).toBe("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    // Every <script> loads a file; none carries inline code the CSP would have to allow.
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      expect(tag).toMatch(/\ssrc="/)
      expect(
        tag
          .replace(/<script\b[^>]*>/, '')
          .replace('</script>', '')
          .trim()
      ).toBe('')
    }
  })
})
