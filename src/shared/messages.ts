/**
 * How the service says something so that every UI can say it in its own language: a stable
 * `code` names the wording and `params` hold the values it is made of. The English text the
 * service also sends stays the wording of the CLI and the logs; the renderer looks the code up
 * in its catalogue (`said.<code>` in src/renderer/src/i18n) and falls back to that text.
 */
export type MessageParams = Record<string, string | number>

export interface ServiceMessage {
  code: string
  params?: MessageParams
}

/** A message that is also one printed line (integrity summary, …): the code and its English text. */
export interface CodedLine extends ServiceMessage {
  text: string
}

/** A ServiceMessage, leaving `params` out when there are none (keeps JSON and test fixtures small). */
export function say(code: string, params?: MessageParams): ServiceMessage {
  return params && Object.keys(params).length > 0 ? { code, params } : { code }
}
