import type { Problem, ProblemParams } from '../../shared/domain/records'

/** Most problems listed; past it one 'too_many_problems' entry says how many more there were. */
export const PROBLEM_CAP = 100

/**
 * Collects every problem an input has, so the wizard shows them all at once. Column-wide
 * problems (a text column among the features) are folded by the caller into one entry.
 */
export class ProblemList {
  private readonly items: Problem[] = []
  private dropped = 0

  add(p: Problem): void {
    if (this.items.length < PROBLEM_CAP) this.items.push(p)
    else this.dropped++
  }

  error(code: string, message: string, fix: string, location?: Problem['location'], params?: ProblemParams): void {
    this.add({
      severity: 'error',
      code,
      message,
      fix,
      ...(location ? { location } : {}),
      ...(params ? { params } : {})
    })
  }

  warning(code: string, message: string, fix: string, location?: Problem['location'], params?: ProblemParams): void {
    this.add({
      severity: 'warning',
      code,
      message,
      fix,
      ...(location ? { location } : {}),
      ...(params ? { params } : {})
    })
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error')
  }

  get errors(): Problem[] {
    return this.items.filter((p) => p.severity === 'error')
  }

  get warnings(): Problem[] {
    return this.items.filter((p) => p.severity === 'warning')
  }

  all(): Problem[] {
    if (this.dropped === 0) return [...this.items]
    return [
      ...this.items,
      {
        severity: 'error',
        code: 'too_many_problems',
        message: `${this.dropped} more problem(s) not listed.`,
        fix: 'Fix the problems above first; the rest are often the same cause.',
        params: { count: this.dropped }
      }
    ]
  }
}
