import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { renderIcon } from '../../scripts/make-icons'

/**
 * The installer configuration, checked without building installers (CI has no Electron
 * binary): electron-builder.yml is loaded and validated by electron-builder's own code, and the
 * rules the app depends on at run time are asserted one by one.
 */
const ROOT = join(__dirname, '../..')
const require = createRequire(__filename)

interface BuilderConfig {
  appId?: string
  productName?: string
  files?: Array<string | { filter?: string[] }>
  asar?: boolean
  asarUnpack?: string[]
  extraResources?: Array<{ from: string; to: string }>
  directories?: { buildResources?: string; output?: string }
  linux?: { target?: string[]; icon?: string }
  win?: { target?: string[]; icon?: string }
  mac?: { target?: string[]; icon?: string }
  [key: string]: unknown
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>
}

const configLib = require('app-builder-lib/out/util/config/config') as ConfigModule
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const load = (): Promise<BuilderConfig> => configLib.getConfig(ROOT, null, null)

/** electron-builder normalises `files` to `[{ filter: [...] }]`; flatten back to patterns. */
const patterns = (files: BuilderConfig['files']): string[] =>
  (files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])))

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation (and the validator does reject nonsense)", async () => {
    const config = await load()
    await expect(configLib.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      configLib.validateConfiguration({ ...config, asarUnpak: ['x'] }, new DebugLogger(false))
    ).rejects.toThrow()
  })

  it('names the app and builds AppImage + deb, NSIS and dmg', async () => {
    const c = await load()
    expect(c.appId).toBe('app.keizoku.desktop')
    expect(c.productName).toBe('Keizoku')
    expect(c.linux?.target).toEqual(['AppImage', 'deb'])
    expect(c.win?.target).toEqual(['nsis'])
    expect(c.mac?.target).toEqual(['dmg'])
  })

  it('packs the built app, its manifest and runtime resources, and excludes source maps', async () => {
    const c = await load()
    expect(patterns(c.files)).toEqual(
      expect.arrayContaining(['out/**', 'package.json', 'resources/**', '!out/**/*.map'])
    )
    expect(c.extraResources).toEqual([{ from: 'resources', to: 'resources' }])
    const main = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main
    expect(main.replace(/^\.\//, '')).toBe('out/main/index.js')
  })

  it('unpacks native bindings and wasm from app.asar', async () => {
    const c = await load()
    expect(c.asar).toBe(true)
    expect(c.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/@tensorflow/tfjs-node/**',
        'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
        'node_modules/better-sqlite3/**'
      ])
    )
  })

  it('the unpack rules match the files installed here', () => {
    const wasmDir = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')
    const wasm = readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))
    expect(wasm).toEqual(expect.arrayContaining(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']))
    expect(existsSync(join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true)
    const tfjsNode = join(ROOT, 'node_modules/@tensorflow/tfjs-node/package.json')
    if (!existsSync(tfjsNode)) {
      console.log(
        'tfjs-node is not installed on this machine (optional dependency); its unpack rule covers release machines'
      )
    }
  })

  it('flips the Electron fuses that let another local process drive the installed app', async () => {
    const c = await load()
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true
    })
  })

  it('has real icons: 1024² PNG, ICO with a 256 entry, ICNS with a 1024 entry', async () => {
    const c = await load()
    expect(c.linux?.icon).toBe('build/icons')
    expect(c.win?.icon).toBe('build/icon.ico')
    expect(c.mac?.icon).toBe('build/icon.icns')
    const png = PNG.sync.read(readFileSync(join(ROOT, 'build/icon.png')))
    expect([png.width, png.height]).toEqual([1024, 1024])
    // Not a flat square: the corners are transparent and the mark has several colours.
    expect(png.data[3]).toBe(0)
    const colours = new Set<number>()
    for (let i = 0; i < png.data.length; i += 4 * 997)
      if (png.data[i + 3] === 255) colours.add(png.data.readUInt32BE(i))
    expect(colours.size).toBeGreaterThan(20)
    for (const s of [16, 32, 48, 64, 128, 256, 512]) {
      const p = PNG.sync.read(readFileSync(join(ROOT, `build/icons/${s}x${s}.png`)))
      expect([p.width, p.height]).toEqual([s, s])
    }

    const ico = readFileSync(join(ROOT, 'build/icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const count = ico.readUInt16LE(4)
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256)
    expect(widths).toContain(256)
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + 16 * i + 8)
      const offset = ico.readUInt32LE(6 + 16 * i + 12)
      expect(offset + size).toBeLessThanOrEqual(ico.length)
      expect(PNG.sync.read(ico.subarray(offset, offset + size)).width).toBe(widths[i])
    }

    const icns = readFileSync(join(ROOT, 'build/icon.icns'))
    expect(icns.toString('ascii', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types = new Map<string, number>()
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.toString('ascii', at, at + 4)
      types.set(type, PNG.sync.read(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))).width)
    }
    expect(types.get('ic10')).toBe(1024)
    expect(types.get('ic09')).toBe(512)
  })
})

describe('icon script', () => {
  it('reproduces the committed icons (they come from scripts/make-icons.ts, not from elsewhere)', () => {
    for (const s of [16, 64]) {
      expect(
        PNG.sync.write(renderIcon(s)).equals(readFileSync(join(ROOT, `build/icons/${s}x${s}.png`))),
        `${s}px`
      ).toBe(true)
    }
  })
})

describe('npm scripts and postinstall', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }

  it('has dist scripts for each platform and a postinstall hook', () => {
    expect(pkg.scripts['dist:linux']).toBe('npm run build && electron-builder --linux')
    expect(pkg.scripts['dist:win']).toBe('npm run build && electron-builder --win')
    expect(pkg.scripts['dist:mac']).toBe('npm run build && electron-builder --mac')
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.cjs')
  })

  it('skips install-app-deps in CI, on request, and without the Electron binary', () => {
    const { skipReason } = require('../../scripts/postinstall.cjs') as {
      skipReason(
        env: Record<string, string | undefined>,
        exists: (p: string) => boolean,
        read: (p: string) => string
      ): string | undefined
    }
    const all = (): boolean => true
    const read = (): string => 'electron'
    expect(skipReason({ CI: 'true' }, all, read)).toBe('CI is set')
    expect(skipReason({ KEIZOKU_SKIP_APP_DEPS: '1' }, all, read)).toBe('KEIZOKU_SKIP_APP_DEPS is set')
    expect(skipReason({}, (p) => !p.endsWith('path.txt'), read)).toBe('the Electron binary is not installed')
    expect(skipReason({}, (p) => !p.endsWith('/dist/electron'), read)).toBe('the Electron binary is not installed')
    expect(skipReason({}, (p) => !p.includes('electron-builder'), read)).toBe('electron-builder is not installed')
    expect(skipReason({}, all, read)).toBeUndefined()
  })

  it('never fails the install (exit 0 outside CI on this machine)', () => {
    const env = { ...process.env }
    delete env.CI
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/postinstall.cjs')], { env, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout + r.stderr).toMatch(/keizoku postinstall: /)
  })
})
