import { describe, expect, it } from 'vitest'
import { rendererTarget } from '../../src/main/appUrl'
import { secureWebPreferences } from '../../src/main/windowOptions'

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of every renderer', () => {
    const p = secureWebPreferences('/app/out/preload/index.js')
    expect(p).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(p.experimentalFeatures ?? false).toBe(false)
  })

  it('leaves the preload out for windows without the bridge, keeping every protection', () => {
    const p = secureWebPreferences()
    expect(p).not.toHaveProperty('preload')
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
  })
})

describe('rendererTarget', () => {
  it('loads the built file in a packaged app, whatever the environment says', () => {
    const t = rendererTarget('http://localhost:5173/', true, '/opt/Keizoku/resources/app.asar/out/main')
    expect(t).toEqual({
      kind: 'file',
      file: '/opt/Keizoku/resources/app.asar/out/renderer/index.html',
      url: 'file:///opt/Keizoku/resources/app.asar/out/renderer/index.html'
    })
  })

  it('uses the dev server only when unpackaged and on loopback http', () => {
    expect(rendererTarget('http://localhost:5173/', false, '/src/out/main')).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/'
    })
    expect(rendererTarget('https://evil.com/', false, '/src/out/main').kind).toBe('file')
    expect(rendererTarget('http://192.168.1.5:5173/', false, '/src/out/main').kind).toBe('file')
    expect(rendererTarget(undefined, false, '/src/out/main').kind).toBe('file')
  })

  it('encodes the file URL so it compares equal to what Electron reports', () => {
    expect(rendererTarget(undefined, true, '/opt/My Apps/Keizoku/out/main').url).toBe(
      'file:///opt/My%20Apps/Keizoku/out/renderer/index.html'
    )
  })
})
