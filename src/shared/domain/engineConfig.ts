import { z } from 'zod'
import { KeizokuError } from '../errors'
import { say } from '../messages'

/**
 * Every engine hyperparameter, with its default. Defaults follow the setup of the performance
 * issue (Permuted-MNIST, MLP 100-100, chunk 2,000, hypernet 100-75-50, batch 128) and the
 * authors' code (hypercl / H-embedding):
 *
 * - β (output regulariser) = 0.05: hypercl's value for the small-capacity Permuted-MNIST
 *   setup (MLP 100-100, chunked hypernet 100-75-50, chunk 2,000); hypercl's large nets use 0.01.
 *   A smaller β lets each new task learn more but forgets more (issue 13, hemb, Permuted-MNIST,
 *   1,000 steps per task): over 5 tasks (seed 1) β 0.01 gave 0.9268 against 0.9225, but over 10
 *   tasks (seeds 1, 2) 0.9119 and 0.9205 against 0.9110 and 0.9207, BWT −0.010 against −0.003.
 *   The regulariser is (β / t)·Σ_{j<t} ‖W_j* − h(e_j, Θ + ΔΘ)‖², the squared norm summed over
 *   every generated weight (not averaged), as in hypercl's `calc_fix_target_reg`.
 * - β_emb = 0.2 (the authors' MNIST default): λ_t = min(β_emb · t, 1).
 * - guidance decoder hidden 512, H-embedding fit 2,000 Adam steps at lr 1e-3, ε = 0.1,
 *   distance map `direct`, 1,000 samples for the H-score (the authors' `emb_data_size`).
 * - chunk 2,000: same matMul work as larger chunks but fewer hypernet parameters, so Adam
 *   (elementwise, memory bound on wasm) is cheaper.
 * - `hnet.layout` 'shuffled': a fixed permutation from the hypernet's flat output into the main
 *   net, so no chunk lines up with kernel rows for any net or chunk size (engine/generatedLayout.ts).
 * - embeddingLr = 1e-2 (Θ keeps 1e-3): e_t is the only per-task parameter, so a faster e_t gives
 *   each new task room without moving the shared Θ the regulariser protects. Permuted-MNIST,
 *   3 tasks × 1,000 steps, hnet, seed 1 (issue 13 sweep): average 0.9247 with 1e-3, 0.9302 with
 *   1e-2; Θ at lr 2e-3 gave 0.9327 but would change every baseline's lr too (one `lr`).
 * - lr = 2e-3 with lrSchedule 'cosine' (every method, every Adam group: the rate falls from its
 *   set value at a task's first step towards 0 at its last, so the mean rate over a task is half
 *   the set one — for Θ the old 1e-3). Issue 13, third pass, hemb, Permuted-MNIST 5 tasks ×
 *   1,000 steps: seed 1 0.9259 against 0.9225, seed 2 0.9383 against 0.9305; alone, lr 2e-3
 *   (0.9221) and cosine at 1e-3 (0.9209) gave nothing. Permuted-MNIST-10, seeds 1–3: 0.9163,
 *   0.9255, 0.9168 (mean 0.9195) against 0.9110, 0.9207, 0.9106; Split-MNIST-5 0.9880 against
 *   0.9881 (unchanged); lr 3e-3 with cosine: 0.9183 and 0.9876. Same CPU per step. Full numbers:
 *   docs/engine-training.md, "Product defaults, third pass".
 * - lrWarmupFraction = 0.03: each task's rates rise linearly over its first 3 % of steps (30 of
 *   1,000), then follow the schedule. A fraction, not a step count, so that a short task (a test,
 *   a quick try with 40 steps) is not spent mostly warming up. Why a warm-up: a fresh Adam's first
 *   steps move every coordinate by ≈ lr whatever its gradient's size (m̂/√v̂ ≈ ±1 while v̂ rests on
 *   a few samples), which for Θ also moves every earlier task's generated weights; the
 *   regulariser then spends steps pulling them back. Issue 13, fourth pass,
 *   hemb, Permuted-MNIST-10, paired against no warm-up: seeds 1–3 +0.0016, +0.0012, +0.0019
 *   (0.9211 against 0.9195), fresh seeds 4–6 +0.0003, +0.0056, +0.0074; six seeds +0.0030 ±
 *   0.0030, BWT unchanged. Split-MNIST-5 −0.0006 ± 0.0074 (no change). 100 steps was worse over
 *   5 tasks (−0.0021, −0.0048). Costs nothing per step (one scalar). Docs: "fourth pass".
 */

const finite = (what: string) =>
  z
    .number({ error: `${what} must be a finite number` })
    .refine((v) => Number.isFinite(v), { message: `${what} must be a finite number (not NaN or Infinity)` })
const positive = (what: string) => finite(what).refine((v) => v > 0, { message: `${what} must be greater than 0` })
const nonNegative = (what: string) => finite(what).refine((v) => v >= 0, { message: `${what} must be 0 or more` })
const posInt = (what: string) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int({ message: `${what} must be a whole number` })
    .min(1, { message: `${what} must be at least 1` })
/** A whole number from 1 to `max`: sizes beyond the limit would exhaust memory long before training. */
const capped = (what: string, max: number) =>
  posInt(what).max(max, { message: `${what} must be at most ${max.toLocaleString('en-US')}` })
const nonNegInt = (what: string) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int({ message: `${what} must be a whole number` })
    .min(0, { message: `${what} must be 0 or more` })

export const LR_SCHEDULES = ['constant', 'cosine'] as const
export type LrSchedule = (typeof LR_SCHEDULES)[number]

export const engineConfigSchema = z
  .object({
    mainNet: z
      .object({
        kind: z.enum(['mlp', 'cnn'], { error: 'mainNet.kind must be "mlp" or "cnn"' }),
        hidden: z.array(capped('mainNet.hidden[i]', 4096)).max(8, { message: 'mainNet.hidden has at most 8 layers' }),
        activation: z.enum(['relu', 'tanh', 'elu'], { error: 'mainNet.activation must be "relu", "tanh" or "elu"' }),
        /** CNN: filters of the two 3×3 conv layers (each followed by 2×2 average pooling). */
        convFilters: z
          .array(capped('mainNet.convFilters[i]', 512))
          .length(2, { message: 'mainNet.convFilters needs exactly 2 entries' }),
        /** Output units per task head; a task with fewer classes masks the logits beyond its count. */
        headSize: capped('mainNet.headSize', 1000)
      })
      .strict(),
    hnet: z
      .object({
        taskEmbeddingSize: capped('hnet.taskEmbeddingSize', 1024),
        chunkEmbeddingSize: capped('hnet.chunkEmbeddingSize', 1024),
        chunkSize: capped('hnet.chunkSize', 100_000),
        hidden: z
          .array(capped('hnet.hidden[i]', 4096))
          .min(1, { message: 'hnet.hidden needs at least one layer' })
          .max(6),
        activation: z.enum(['relu', 'tanh', 'elu'], { error: 'hnet.activation must be "relu", "tanh" or "elu"' }),
        /**
         * How a new task's embedding e_t starts: N(0,1) (authors' code), at ê when there is one,
         * or at the learned e_{t−1} ('previous'; the first task starts at N(0,1)).
         */
        embeddingInit: z.enum(['random', 'target', 'previous'], {
          error: 'hnet.embeddingInit must be "random", "target" or "previous"'
        }),
        /**
         * Chunk embeddings c_k: 'shared' (in Θ, the authors' hypercl setup) or 'per-task' (each
         * task keeps its own K × ce, appended to its e_t; hypnettorch's `cond_chunk_embs`).
         */
        chunkEmbeddings: z.enum(['shared', 'per-task'], {
          error: 'hnet.chunkEmbeddings must be "shared" or "per-task"'
        }),
        /** Order in which generated weights fill the main net (see engine/generatedLayout.ts). */
        layout: z.enum(['torch', 'shuffled'], { error: 'hnet.layout must be "torch" or "shuffled"' })
      })
      .strict(),
    lr: positive('lr'),
    /**
     * How every Adam learning rate (lr, embeddingLr, decoderLr; every method alike) moves within
     * one task's steps: 'constant', or 'cosine' from the set rate at the first step towards 0
     * at the last (engine/adam.ts `lrFactor`).
     */
    lrSchedule: z.enum(LR_SCHEDULES, { error: 'lrSchedule must be "constant" or "cosine"' }),
    /**
     * Linear warm-up at the start of each task, as a fraction of its steps: with W =
     * round(lrWarmupFraction · steps), Adam step i (0-based) runs at min(1, (i+1)/W) times the
     * scheduled rate (every Adam group, every method; 0 = none).
     */
    lrWarmupFraction: finite('lrWarmupFraction').refine((v) => v >= 0 && v <= 0.5, {
      message: 'lrWarmupFraction must be between 0 and 0.5'
    }),
    embeddingLr: positive('embeddingLr'),
    decoderLr: positive('decoderLr'),
    beta: nonNegative('beta'),
    betaEmb: nonNegative('betaEmb'),
    decoderHidden: capped('decoderHidden', 4096),
    /**
     * Guidance decoder input: 'mean' = the last hidden layer for e_t averaged over the K chunks
     * (h_L values); 'flatten' = all K·h_L values, as the authors' `.view(-1)`. With chunk 2,000
     * the flattened input makes the decoder 1.2 M parameters — ten times the hypernet — and its
     * Adam step dominates a training step on wasm, so 'mean' is the default.
     */
    guidanceInput: z.enum(['mean', 'flatten'], { error: 'guidanceInput must be "mean" or "flatten"' }),
    steps: capped('steps', 1_000_000),
    batchSize: capped('batchSize', 8192),
    lookahead: z.boolean({ error: 'lookahead must be true or false' }),
    /** Previous tasks regularised per step (0 = all). */
    regSubsample: nonNegInt('regSubsample'),
    distanceMap: z.enum(['direct', 'reciprocal', 'ahp'], {
      error: 'distanceMap must be "direct", "reciprocal" or "ahp"'
    }),
    distanceEpsilon: positive('distanceEpsilon'),
    hembSteps: capped('hembSteps', 1_000_000),
    hembLr: positive('hembLr'),
    /** Rows of the new task's training data used for the H-score row. */
    hscoreSamples: capped('hscoreSamples', 100_000),
    ewcLambda: nonNegative('ewcLambda'),
    ewcGamma: finite('ewcGamma').refine((v) => v >= 0 && v <= 1, { message: 'ewcGamma must be between 0 and 1' }),
    ewcSamples: capped('ewcSamples', 100_000),
    adamBeta1: finite('adamBeta1').refine((v) => v >= 0 && v < 1, { message: 'adamBeta1 must be in [0, 1)' }),
    adamBeta2: finite('adamBeta2').refine((v) => v >= 0 && v < 1, { message: 'adamBeta2 must be in [0, 1)' }),
    adamEpsilon: positive('adamEpsilon'),
    seed: nonNegInt('seed')
  })
  .strict()
  .superRefine((c, ctx) => {
    // Hypernetwork parameters (its output layer dominates); Adam keeps three float32 copies.
    const sizes = [c.hnet.taskEmbeddingSize + c.hnet.chunkEmbeddingSize, ...c.hnet.hidden, c.hnet.chunkSize]
    let params = 0
    for (let i = 1; i < sizes.length; i++) params += sizes[i - 1] * sizes[i] + sizes[i]
    const bytes = params * 4 * 4
    if (bytes > MAX_HNET_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['hnet'],
        message: `the hypernetwork would have ${Math.round(params / 1e6)} M parameters, about ${(bytes / 2 ** 30).toFixed(1)} GiB with its optimiser state; the limit is ${MAX_HNET_BYTES / 2 ** 30} GiB (make hnet.hidden or hnet.chunkSize smaller)`
      })
    }
  })

/** Memory the hypernetwork with its gradients and Adam moments may take (wasm memory is 4 GiB at most). */
export const MAX_HNET_BYTES = 2 ** 30

export type EngineConfig = z.infer<typeof engineConfigSchema>

export const defaultEngineConfig: EngineConfig = {
  mainNet: { kind: 'mlp', hidden: [100, 100], activation: 'relu', convFilters: [16, 32], headSize: 10 },
  hnet: {
    taskEmbeddingSize: 32,
    chunkEmbeddingSize: 12,
    chunkSize: 2000,
    hidden: [100, 75, 50],
    activation: 'relu',
    embeddingInit: 'random',
    chunkEmbeddings: 'shared',
    layout: 'shuffled'
  },
  lr: 2e-3,
  lrSchedule: 'cosine',
  lrWarmupFraction: 0.03,
  embeddingLr: 1e-2,
  decoderLr: 1e-3,
  beta: 0.05,
  betaEmb: 0.2,
  decoderHidden: 512,
  guidanceInput: 'mean',
  steps: 1000,
  batchSize: 128,
  lookahead: true,
  regSubsample: 0,
  distanceMap: 'direct',
  distanceEpsilon: 0.1,
  hembSteps: 2000,
  hembLr: 1e-3,
  hscoreSamples: 1000,
  ewcLambda: 1000,
  ewcGamma: 1,
  ewcSamples: 200,
  adamBeta1: 0.9,
  adamBeta2: 0.999,
  adamEpsilon: 1e-8,
  seed: 0
}

/** The seed a run uses when none is given: the CLI, the API and the Train screen all read this one. */
export const DEFAULT_SEED = defaultEngineConfig.seed

/** Settings of one task's training that may differ from the run's first task (not the architecture). */
export const PER_TASK_KEYS: readonly string[] = [
  'steps',
  'lr',
  'lrSchedule',
  'lrWarmupFraction',
  'embeddingLr',
  'decoderLr',
  'beta',
  'betaEmb',
  'batchSize',
  'lookahead',
  'regSubsample',
  'distanceMap',
  'distanceEpsilon',
  'hembSteps',
  'hembLr',
  'hscoreSamples',
  'ewcLambda',
  'ewcGamma',
  'ewcSamples'
] satisfies ReadonlyArray<keyof EngineConfig>

/** A partial config as JSON may carry it: nested objects may be partial too. */
export type PartialEngineConfig = Partial<Omit<EngineConfig, 'mainNet' | 'hnet'>> & {
  mainNet?: Partial<EngineConfig['mainNet']>
  hnet?: Partial<EngineConfig['hnet']>
}

/**
 * Merges `partial` over the defaults and validates the result. Throws `invalid_argument`
 * listing every offending field by its path (e.g. `steps: steps must be at least 1`).
 */
export function resolveConfig(partial: unknown = {}): EngineConfig {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    throw new KeizokuError('invalid_argument', 'The engine config must be a JSON object.', {
      hint: 'Pass an object such as {"steps": 500}; omitted fields take their defaults.',
      say: say('config.engine_not_object')
    })
  }
  const p = partial as Record<string, unknown>
  const merged: Record<string, unknown> = { ...defaultEngineConfig, ...p }
  for (const key of ['mainNet', 'hnet'] as const) {
    const sub = p[key]
    if (sub !== undefined) {
      merged[key] =
        sub !== null && typeof sub === 'object' && !Array.isArray(sub) ? { ...defaultEngineConfig[key], ...sub } : sub
    }
  }
  const res = engineConfigSchema.safeParse(merged)
  if (!res.success) {
    const issues = res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new KeizokuError('invalid_argument', `Invalid engine config — ${issues.join('; ')}.`, {
      hint: 'Fix or remove these fields; every omitted field takes its default.',
      say: say('config.engine_invalid', { issues: issues.join('; ') })
    })
  }
  return res.data
}
