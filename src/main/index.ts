import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { Service } from '../service/service'
import { rendererTarget } from './appUrl'
import { pickFolder } from './folderPicker'
import { printHtmlToPdf } from './printToPdf'
import { registerIpc } from './ipc'
import { applySecurityRules } from './security'
import { secureWebPreferences } from './windowOptions'

/** Thin Electron host: window, security rules, IPC. Everything else is the shared service. */
const target = rendererTarget(process.env.ELECTRON_RENDERER_URL, app.isPackaged, __dirname)
const appUrl = (): string => target.url

// Inside a packaged app node_modules is read-only: caches (e.g. the decoded MNIST digits) go to userData.
process.env.KEIZOKU_CACHE_DIR ??= join(app.getPath('userData'), 'cache')

applySecurityRules(appUrl)
const service = new Service({ host: 'electron', pickFolder, printPdf: printHtmlToPdf })
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
  if (target.kind === 'dev') void win.loadURL(target.url)
  else void win.loadFile(target.file)
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
