import type { Envelope } from '../shared/transport'

/** What the preload exposes on `window.keizoku` (see src/preload/index.ts). */
export interface KeizokuBridge {
  invoke(name: string, arg: unknown): Promise<Envelope<unknown>>
  on(event: string, cb: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    keizoku?: KeizokuBridge
  }
}
