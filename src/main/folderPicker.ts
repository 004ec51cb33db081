import { BrowserWindow, dialog } from 'electron'

/** The system folder dialog, offered to the service as the desktop host's folder picker. */
export async function pickFolder(purpose: 'workspace' | 'data' | 'export', title?: string): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  const options: Electron.OpenDialogOptions = {
    title: title ?? (purpose === 'workspace' ? 'Choose a workspace folder' : purpose === 'export' ? 'Choose where to export' : 'Choose a data folder'),
    properties: purpose === 'data' ? ['openDirectory', 'openFile'] : ['openDirectory', 'createDirectory']
  }
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]
}
