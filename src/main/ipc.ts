import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/channels'
import type { Envelope } from '../shared/transport'
import type { Service } from '../service/service'
import { invokeFromIpc } from './invoke'

/**
 * One IPC channel for every call. The sender must be the app's own page in a top-level frame
 * (sender.ts); the call name and argument are validated by the service against the shared
 * schema (src/shared/validate.ts) before anything runs (invoke.ts).
 */
export function registerIpc(service: Service, appUrl: () => string, windows: () => WebContents[]): void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, arg: unknown): Promise<Envelope<unknown>> =>
    invokeFromIpc(service, event.senderFrame, appUrl(), name, arg)
  )
  service.subscribe((event, payload) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, payload)
  })
}
