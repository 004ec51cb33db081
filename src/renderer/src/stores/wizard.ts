import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { DatasetPreview, TaskView } from '@shared/types'
import type { CallArg } from '@shared/api'
import { getTransport } from '../transport'
import { action } from './action'
import { useUserStore } from './user'

export const WIZARD_STEPS = ['source', 'preview', 'validation', 'options', 'confirm'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]
/** A dataset source as the API accepts it (DatasetSource with the delimiter narrowed). */
export type DatasetSource = CallArg<'dataset.preview'>['source']
type HoldoutOptions = NonNullable<CallArg<'dataset.preview'>['holdout']>
export type SourceKind = DatasetSource['kind']
export type Benchmark = Extract<DatasetSource, { kind: 'builtin' }>['benchmark']

/**
 * The task wizard's form and the service's preview of it. Nothing is written before `confirm`
 * (dataset.preview only reads); the problems and their severities come from the service.
 */
export const useWizardStore = defineStore('wizard', () => {
  const step = ref(0)
  const form = reactive({
    kind: 'builtin' as SourceKind,
    csvPath: '',
    label: '',
    ignore: '',
    groupBy: '',
    groupSize: null as number | null,
    imagesPath: '',
    idxImages: '',
    idxLabels: '',
    benchmark: 'split-mnist' as Benchmark,
    k: 0,
    name: '',
    holdoutPercent: 20,
    keepTrain: true
  })
  const preview = ref<DatasetPreview>()
  const added = ref<TaskView>()
  /**
   * What the wizard itself filled in (from the file's name, its suggested label column), so a
   * new source replaces them instead of carrying a previous file's values; what the user typed stays.
   */
  const proposed = reactive({ name: '', label: '' })

  function source(): DatasetSource {
    switch (form.kind) {
      case 'csv': {
        const ignore = form.ignore
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
        return {
          kind: 'csv',
          path: form.csvPath.trim(),
          label: form.label.trim() || undefined,
          ignore: ignore.length ? ignore : undefined
        }
      }
      case 'images':
        return { kind: 'images', path: form.imagesPath.trim() }
      case 'idx':
        return { kind: 'idx', images: form.idxImages.trim(), labels: form.idxLabels.trim() }
      case 'builtin':
        return { kind: 'builtin', benchmark: form.benchmark, k: form.k }
    }
  }
  function holdout(): HoldoutOptions {
    const h: HoldoutOptions = { fraction: form.holdoutPercent / 100 }
    if (form.kind === 'csv' && form.groupBy.trim()) {
      h.groupBy = { column: form.groupBy.trim(), ...(form.groupSize ? { size: form.groupSize } : {}) }
    }
    return h
  }

  const sourceComplete = computed(() => {
    switch (form.kind) {
      case 'csv':
        return form.csvPath.trim() !== ''
      case 'images':
        return form.imagesPath.trim() !== ''
      case 'idx':
        return form.idxImages.trim() !== '' && form.idxLabels.trim() !== ''
      case 'builtin':
        return Number.isInteger(form.k) && form.k >= 0
    }
    return false
  })
  const errors = computed(() => preview.value?.problems.filter((p) => p.severity === 'error') ?? [])
  const warnings = computed(() => preview.value?.problems.filter((p) => p.severity === 'warning') ?? [])

  const loadPreview = action(async () => {
    preview.value = undefined
    preview.value = await getTransport().invoke('dataset.preview', { source: source(), holdout: holdout() })
    if ((!form.label || form.label === proposed.label) && preview.value.suggestedLabel) {
      form.label = proposed.label = preview.value.suggestedLabel
    }
    if (!form.name || form.name === proposed.name) form.name = proposed.name = defaultName()
    return preview.value
  })

  function defaultName(): string {
    switch (form.kind) {
      case 'builtin':
        return form.benchmark === 'split-mnist'
          ? `Digits ${2 * form.k} and ${2 * form.k + 1}`
          : `${form.benchmark} ${form.k}`
      case 'csv':
        return baseName(form.csvPath)
      case 'images':
        return baseName(form.imagesPath)
      case 'idx':
        return baseName(form.idxImages)
    }
  }

  /** CSV: the ignored columns as a list (the form keeps them comma-separated). */
  const ignored = computed(() =>
    form.ignore
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
  )
  /** CSV: choose a column as the label (it stops being ignored) and preview again. */
  async function useAsLabel(column: string): Promise<void> {
    form.label = column
    form.ignore = ignored.value.filter((c) => c !== column).join(', ')
    await loadPreview.run()
  }
  /** CSV: ignore a column or take it back as a feature, and preview again. */
  async function toggleIgnored(column: string): Promise<void> {
    const now = ignored.value
    form.ignore = (now.includes(column) ? now.filter((c) => c !== column) : [...now, column]).join(', ')
    await loadPreview.run()
  }

  /** Whether Next is allowed on the current step. */
  const canNext = computed(() => {
    switch (WIZARD_STEPS[step.value]) {
      case 'source':
        return sourceComplete.value
      case 'preview':
        return preview.value !== undefined && !loadPreview.busy
      case 'validation':
        return preview.value !== undefined && errors.value.length === 0
      case 'options':
        return form.name.trim() !== '' && form.holdoutPercent >= 0 && form.holdoutPercent <= 90
      default:
        return false
    }
  })

  async function next(): Promise<void> {
    if (!canNext.value) return
    step.value += 1
    // Preview again on Confirm: the split shown there must follow the holdout chosen on Options.
    if (WIZARD_STEPS[step.value] === 'preview' || WIZARD_STEPS[step.value] === 'confirm') await loadPreview.run()
  }
  function back(): void {
    if (step.value <= 0) return
    step.value -= 1
    if (WIZARD_STEPS[step.value] === 'source') {
      // The next source is a new file: forget this one's preview and the label guessed from it.
      preview.value = undefined
      loadPreview.error = undefined
      if (form.label === proposed.label) form.label = proposed.label = ''
    }
  }

  const confirm = action(async () => {
    const by = useUserStore().name.trim() || undefined
    added.value = await getTransport().invoke('task.add', {
      name: form.name.trim(),
      source: source(),
      holdout: holdout(),
      keepTrain: form.keepTrain,
      by
    })
    return added.value
  })

  /**
   * Start over, keeping the source kind; after a benchmark task was added, k moves to the next
   * task of the benchmark (adding consecutive benchmark tasks is the common case).
   */
  function reset(): void {
    if (added.value && form.kind === 'builtin') form.k += 1
    step.value = 0
    preview.value = undefined
    added.value = undefined
    form.name = proposed.name = ''
    if (form.label === proposed.label) form.label = proposed.label = ''
    loadPreview.error = undefined
    confirm.error = undefined
  }

  return {
    step,
    form,
    preview,
    added,
    source,
    holdout,
    errors,
    warnings,
    ignored,
    canNext,
    loadPreview,
    useAsLabel,
    toggleIgnored,
    next,
    back,
    confirm,
    reset
  }
})

function baseName(p: string): string {
  const parts = p.trim().split(/[\\/]/).filter(Boolean)
  return (parts.at(-1) ?? '').replace(/\.[^.]+$/, '')
}
