import { KeizokuError, toErrorInfo } from '../shared/errors'
import type { Envelope } from '../shared/transport'
import { isTrustedSender, type SenderFrame } from './sender'

/** What the IPC handler needs of the service: its one entry point for raw calls. */
export interface CallTarget {
  call(name: unknown, arg: unknown): Promise<unknown>
}

/**
 * The body of the IPC handler, without Electron: refuse a sender that is not the app's own
 * top-level page before the service sees anything, then let the service validate the name and
 * argument against the shared schema. Never throws; every failure is an error envelope.
 */
export async function invokeFromIpc(
  service: CallTarget,
  frame: SenderFrame | null | undefined,
  appUrl: string,
  name: unknown,
  arg: unknown
): Promise<Envelope<unknown>> {
  try {
    if (!isTrustedSender(frame, appUrl)) {
      throw new KeizokuError('refused', 'IPC call from a page that is not Keizoku was refused.')
    }
    return { ok: true, result: await service.call(name, arg) }
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) }
  }
}
