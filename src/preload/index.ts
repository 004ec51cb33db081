import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL, isCallName, isEventName } from '../shared/channels'

/**
 * The renderer's only door to the app: invoke a call named in the contract, or listen to an
 * event named in it. Nothing else of Electron or Node is exposed.
 */
contextBridge.exposeInMainWorld('keizoku', {
  invoke(name: string, arg: unknown): Promise<unknown> {
    if (!isCallName(name)) return Promise.reject(new Error(`Unknown API call: ${String(name).slice(0, 80)}`))
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, arg)
  },
  on(event: string, cb: (payload: unknown) => void): () => void {
    if (!isEventName(event) || typeof cb !== 'function') throw new Error(`Unknown event: ${String(event).slice(0, 80)}`)
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) cb(payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, listener)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener)
  }
})
