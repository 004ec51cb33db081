/** The continual-learning methods, written once: the API schema, the engine and the Train screen read this list. */
export type Method = 'hemb' | 'hnet' | 'hnet-random' | 'finetune' | 'independent' | 'ewc'

/** In the order the Train screen offers them; hemb (H-score-guided hypernetwork) is the default. */
export const METHODS = [
  'hemb',
  'hnet',
  'hnet-random',
  'finetune',
  'independent',
  'ewc'
] as const satisfies readonly Method[]

export const DEFAULT_METHOD: Method = 'hemb'

/**
 * hyper: a hypernetwork generates each task's weights from its embedding (hemb, hnet, hnet-random);
 * shared: one network with a head per task (finetune, ewc); independent: a network per task.
 */
export type MethodFamily = 'hyper' | 'shared' | 'independent'

export function methodFamily(method: Method): MethodFamily {
  if (method === 'hnet' || method === 'hnet-random' || method === 'hemb') return 'hyper'
  if (method === 'finetune' || method === 'ewc') return 'shared'
  return 'independent'
}

export function isHypernetMethod(method: Method): boolean {
  return methodFamily(method) === 'hyper'
}
