import { z } from 'zod'
import type { CallName } from './channels'
import type { AppInfo, SelfTestResult } from './types'

/**
 * The API contract: for each call, the schema its argument must satisfy and the type of its
 * result. Every host validates with these schemas before the service sees an argument.
 */
const defineCall = <A extends z.ZodType, R>(arg: A): { arg: A; result: R } => ({
  arg,
  result: undefined as unknown as R
})

export const api = {
  'app.info': defineCall<z.ZodObject<Record<string, never>>, AppInfo>(z.object({}).strict()),
  'engine.selfTest': defineCall<
    z.ZodObject<{ steps: z.ZodDefault<z.ZodNumber>; seed: z.ZodDefault<z.ZodNumber> }>,
    SelfTestResult
  >(
    z
      .object({
        steps: z.number().int().min(1).max(2000).default(60),
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(1)
      })
      .strict()
  )
} satisfies Record<CallName, { arg: z.ZodType; result: unknown }>

export type Api = typeof api
export type CallArg<N extends CallName> = z.input<Api[N]['arg']>
export type ParsedArg<N extends CallName> = z.output<Api[N]['arg']>
export type CallResult<N extends CallName> = Api[N]['result']
