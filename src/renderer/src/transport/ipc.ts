import type { Transport } from '@shared/transport'
import type { KeizokuBridge } from '../../../preload/index.d'
import { unwrap } from './envelope'

/** Electron: calls go through the preload's `window.keizoku` bridge. */
export function ipcTransport(bridge: KeizokuBridge): Transport {
  return {
    invoke: async (name, arg) => unwrap(await bridge.invoke(name, arg)),
    on: (event, cb) => bridge.on(event, cb as (p: unknown) => void)
  } as Transport
}
