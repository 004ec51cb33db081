import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { Service } from '../service/service'
import { registerIpc } from './ipc'
import { applySecurityRules } from './security'
import { secureWebPreferences } from './windowOptions'

/** Thin Electron host: window, security rules, IPC. Everything else is the shared service. */
const devUrl = process.env.ELECTRON_RENDERER_URL
const appUrl = (): string => devUrl ?? `file://${join(__dirname, '../renderer/index.html')}`

applySecurityRules(appUrl)
const service = new Service({ host: 'electron' })
registerIpc(service, appUrl, () => BrowserWindow.getAllWindows().map((w) => w.webContents))

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Keizoku',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js'))
  })
  win.once('ready-to-show', () => win.show())
  if (devUrl) void win.loadURL(devUrl)
  else void win.loadFile(join(__dirname, '../renderer/index.html'))
}

void app.whenReady().then(() => {
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  void service.close().finally(() => {
    if (process.platform !== 'darwin') app.quit()
  })
})
