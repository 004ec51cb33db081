import type { Transport } from '@shared/transport'
import { httpTransport } from './http'
import { ipcTransport } from './ipc'

let transport: Transport | undefined

/** IPC inside Electron (the preload defines window.keizoku), HTTP+WebSocket in a browser. */
export function getTransport(): Transport {
  transport ??= window.keizoku ? ipcTransport(window.keizoku) : httpTransport()
  return transport
}

/** For component tests. */
export function setTransport(t: Transport): void {
  transport = t
}
