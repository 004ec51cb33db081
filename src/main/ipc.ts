import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/channels'
import { KeizokuError, toErrorInfo } from '../shared/errors'
import type { Envelope } from '../shared/transport'
import type { Service } from '../service/service'
import { isTrustedSender } from './sender'

/**
 * One IPC channel for every call. The sender must be the app's own page in a top-level frame
 * (sender.ts); the call name and argument are validated by the service against the shared
 * schema (src/shared/validate.ts) before anything runs.
 */
export function registerIpc(service: Service, appUrl: () => string, windows: () => WebContents[]): void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, name: unknown, arg: unknown): Promise<Envelope<unknown>> => {
      try {
        if (!isTrustedSender(event.senderFrame, appUrl())) {
          throw new KeizokuError('refused', 'IPC call from a page that is not Keizoku was refused.')
        }
        return { ok: true, result: await service.call(name, arg) }
      } catch (err) {
        return { ok: false, error: toErrorInfo(err) }
      }
    }
  )
  service.subscribe((event, payload) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, payload)
  })
}
