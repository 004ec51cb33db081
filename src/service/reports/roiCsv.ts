/** The ROI report as CSV sections: the numbers collectRoi gathered (roiReport.ts). */
import type { CsvTable } from './csv'
import type { RoiData } from './roiReport'

export function roiCsv(d: RoiData): Array<{ title: string; rows: CsvTable }> {
  const methods: CsvTable = [
    [
      'method',
      'role',
      'measured_on',
      'tasks',
      'final_average_accuracy',
      'forgetting',
      'bwt',
      'training_seconds',
      'model_bytes',
      'one_model_per_task_bytes',
      'old_data_kept_bytes',
      'source',
      'source_date'
    ]
  ]
  const all = [...d.workspace, ...(d.bench?.methods ?? [])]
  for (const m of all) {
    methods.push([
      m.method,
      m.main ? 'keizoku' : 'baseline',
      m.source === 'workspace' ? 'workspace' : `bench ${d.bench?.benchmark ?? ''}`.trim(),
      m.tasks,
      m.metrics.metrics?.average_accuracy ?? null,
      m.metrics.metrics?.forgetting ?? null,
      m.metrics.metrics?.bwt ?? null,
      m.trainSeconds,
      m.modelBytes,
      m.perTaskModelsBytes,
      m.dataKeptBytes,
      m.runIds?.length
        ? `baseline runs ${m.runIds.map((id) => `#${id}`).join(' ')}, seeds ${m.seeds.join(' ')}`
        : m.source === 'workspace'
          ? `versions ${m.provenance}`
          : `${m.provenance}${m.seeds.length ? `, seeds ${m.seeds.join(' ')}` : ''}`,
      m.at
    ])
  }
  for (const m of d.notMeasured) methods.push([m, 'baseline', 'not measured'])
  const costs: CsvTable = [
    [
      'comparison',
      'measured_on',
      'currency',
      'compute_cost_keizoku',
      'compute_cost_baseline',
      'storage_per_month_keizoku',
      'storage_per_month_baseline',
      'accuracy_value_per_month',
      'savings_per_month',
      'extra_one_off_cost',
      'payback_months',
      'verdict'
    ]
  ]
  for (const k of d.comparisons) {
    costs.push([
      `${k.main} vs ${k.baseline}`,
      k.source,
      d.costs.currency,
      k.computeMain,
      k.computeBase,
      k.storageMain,
      k.storageBase,
      k.accuracyValue,
      k.monthlySavings,
      k.extraCost,
      k.paybackMonths,
      d.costsSet ? k.verdict : 'no cost figures set'
    ])
  }
  const paired: CsvTable = [['a', 'b', 'metric', 'seeds', 'differences', 'mean_difference', 'half_width_95']]
  for (const p of d.bench?.paired ?? [])
    paired.push([p.a, p.b, p.metric, p.seeds.join(' '), p.differences.join(' '), p.difference.mean, p.difference.half])
  const settings: CsvTable = [
    ['setting', 'value'],
    ['computePerHour', d.costs.computePerHour],
    ['storagePerGBMonth', d.costs.storagePerGBMonth],
    ['valuePerAccuracyPoint', d.costs.valuePerAccuracyPoint],
    ['currency', d.costs.currency],
    ['retained_training_data_bytes', d.retained.bytes],
    ['snapshot_bytes', d.snapshotBytes]
  ]
  const out = [
    { title: 'methods', rows: methods },
    { title: 'costs', rows: costs },
    ...(paired.length > 1 ? [{ title: 'paired', rows: paired }] : []),
    { title: 'settings', rows: settings }
  ]
  if (d.measured) {
    const seedRows: CsvTable = [
      ['method', 'role', 'seed', 'tasks', 'final_average_accuracy', 'forgetting', 'bwt', 'training_seconds']
    ]
    for (const m of d.measured.perMethod)
      for (const v of m.perSeed)
        seedRows.push([
          m.method,
          m.main ? 'keizoku' : 'baseline',
          v.seed,
          d.measured.tasks,
          v.accuracy,
          v.forgetting,
          v.bwt,
          v.trainSeconds
        ])
    out.push({ title: 'baseline_seeds', rows: seedRows })
    const noise: CsvTable = [
      ['comparison', 'accuracy_difference', 'kind', 'ci_low', 'ci_high', 'seed_sd', 'within_noise']
    ]
    for (const n of d.measured.noise)
      noise.push([
        `${d.mainMethod} vs ${n.baseline}`,
        n.difference,
        n.kind,
        n.lo,
        n.hi,
        n.sd,
        n.within === null ? 'unknown' : n.within ? 'yes' : 'no'
      ])
    out.push({ title: 'noise', rows: noise })
  }
  if (d.storage) {
    const c = d.storage
    out.push({
      title: 'storage_crossover',
      rows: [
        ['quantity', 'value'],
        ['hypernet_fixed_bytes', c.fixedBytes],
        ['main_net_bytes', c.mainNetBytes],
        ['per_task_bytes', c.perTaskBytes],
        ['fixed_over_main_net', c.ratio],
        ['crossover_tasks', c.crossoverTasks],
        ['tasks', c.tasks],
        ['hypernet_bytes_now', c.hypernetBytes],
        ['separate_models_bytes_now', c.separateBytes],
        ['separate_models_bytes_measured', c.measuredSeparate?.bytes ?? null]
      ]
    })
  }
  return out
}
