/** The allowed values the API, the hosts and the screens share, each list written once. */

export type BenchmarkKind = 'split-mnist' | 'permuted-mnist' | 'rotated-mnist'
export const BENCHMARK_KINDS = [
  'split-mnist',
  'permuted-mnist',
  'rotated-mnist'
] as const satisfies readonly BenchmarkKind[]
/** Split-MNIST has exactly five digit pairs. */
export const SPLIT_MNIST_TASKS = 5
/** Default sequence length of permuted-mnist and rotated-mnist. */
export const DEFAULT_TASKS = 10

export type Language = 'en' | 'ja'
export const LANGUAGES = ['en', 'ja'] as const satisfies readonly Language[]

export type ReportKind = 'forgetting' | 'roi'
export const REPORT_KINDS = ['forgetting', 'roi'] as const satisfies readonly ReportKind[]

export type ReportFormat = 'html' | 'pdf' | 'csv'
export const REPORT_FORMATS = ['html', 'pdf', 'csv'] as const satisfies readonly ReportFormat[]

export type DemoKind = 'beef-enose' | 'split-mnist'
export const DEMO_KINDS = ['beef-enose', 'split-mnist'] as const satisfies readonly DemoKind[]
