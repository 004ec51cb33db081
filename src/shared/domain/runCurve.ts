/**
 * The loss and accuracy curves of one training job, as stored with the job and drawn by the
 * screens: one point per progress report, thinned evenly so a job of any length keeps at most
 * RUN_CURVE_MAX_POINTS points (plus its latest one).
 */
export const RUN_CURVE_MAX_POINTS = 300

export interface RunCurve {
  steps: number[]
  task: Array<number | null>
  reg: Array<number | null>
  guide: Array<number | null>
  /** Accuracy on the training mini-batch at that step (0…1). */
  accuracy: Array<number | null>
  /** Reports seen so far; a report joins the grid when its index is a multiple of `every`. */
  seen: number
  every: number
  /** The last point is the latest report, off the grid (replaced by the next report). */
  tail: boolean
}

export interface CurvePoint {
  step: number
  loss?: { task: number; reg?: number; guide?: number }
  batchAccuracy?: number
}

const SERIES = ['steps', 'task', 'reg', 'guide', 'accuracy'] as const

export function emptyCurve(): RunCurve {
  return { steps: [], task: [], reg: [], guide: [], accuracy: [], seen: 0, every: 1, tail: false }
}

/**
 * Adds one progress report. Reports 0, every, 2·every, … are kept; when more than `max` are
 * kept, every second one goes and `every` doubles, so the kept points stay evenly spaced over
 * the whole run. The newest report is always the last point, so the curve ends where the job is.
 */
export function addCurvePoint(c: RunCurve, p: CurvePoint, max = RUN_CURVE_MAX_POINTS): RunCurve {
  if (c.tail) for (const k of SERIES) c[k].pop()
  const onGrid = c.seen % c.every === 0
  c.seen += 1
  push(c, p)
  c.tail = !onGrid
  if (onGrid && c.steps.length > max) {
    const lastKept = (c.steps.length - 1) % 2 === 0
    for (const k of SERIES) (c[k] as unknown[]) = c[k].filter((_, i) => i % 2 === 0)
    c.every *= 2
    // The newest report fell off the coarser grid: it stays, as the tail.
    if (!lastKept) {
      push(c, p)
      c.tail = true
    }
  }
  return c
}

function push(c: RunCurve, p: CurvePoint): void {
  c.steps.push(p.step)
  c.task.push(p.loss?.task ?? null)
  c.reg.push(p.loss?.reg ?? null)
  c.guide.push(p.loss?.guide ?? null)
  c.accuracy.push(p.batchAccuracy ?? null)
}
