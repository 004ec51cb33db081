import { defineStore } from 'pinia'
import { reactive, ref, watch } from 'vue'
import type { ReportBuildResult } from '@shared/types'
import { i18n } from '../i18n'
import { getTransport } from '../transport'
import { action } from './action'
import { useUserStore } from './user'

export type ReportKind = 'forgetting' | 'roi'
export type ReportFormat = 'html' | 'pdf' | 'csv'
export type ReportLang = 'en' | 'ja'

/** What both preview and export need: which report, in which language, with which benchmark baselines. */
export interface ReportChoice {
  kind: ReportKind
  lang: ReportLang
  /** A `keizoku bench --out` JSON file; blank means none. */
  baselinesFile: string
}

function common(c: ReportChoice): { kind: ReportKind; lang: ReportLang; baselinesFile?: string } {
  const baselinesFile = c.baselinesFile.trim()
  return { kind: c.kind, lang: c.lang, ...(baselinesFile ? { baselinesFile } : {}) }
}

/**
 * The forgetting and ROI reports, as the service builds them. A preview is the HTML text
 * (a PDF is the same document printed, so it is previewed as HTML); an export writes a file.
 * The choice lives here, not in the screen, so it survives leaving the screen together with
 * the preview it belongs to; a preview of another choice is dropped as soon as the choice changes.
 */
export const useReportsStore = defineStore('reports', () => {
  const user = useUserStore()
  /** The report language starts as the UI language; the user may pick the other one. */
  const choice = reactive<ReportChoice>({
    kind: 'forgetting',
    lang: i18n.global.locale.value === 'ja' ? 'ja' : 'en',
    baselinesFile: ''
  })
  const format = ref<ReportFormat>('pdf')
  const outFile = ref('')
  const previewHtml = ref<string>()
  const lastExport = ref<ReportBuildResult>()
  /** An export the service refused because its file exists, waiting for the user to confirm replacing it. */
  const pendingOverwrite = ref<{ choice: ReportChoice; format: ReportFormat; outFile: string }>()

  watch(
    () => ({ ...choice }),
    () => (previewHtml.value = undefined)
  )
  watch([format, outFile], () => (pendingOverwrite.value = undefined))

  const preview = action(async (c: ReportChoice) => {
    previewHtml.value = undefined
    const r = await getTransport().invoke('report.build', { ...common(c), format: 'html' })
    previewHtml.value = r.html ?? ''
    return r
  })

  const exportReport = action(async (c: ReportChoice, f: ReportFormat, file: string, overwrite = false) => {
    lastExport.value = undefined
    pendingOverwrite.value = undefined
    const by = user.name.trim()
    try {
      const r = await getTransport().invoke('report.build', {
        ...common(c),
        format: f,
        outFile: file.trim(),
        ...(by ? { by } : {}),
        ...(overwrite ? { overwrite: true } : {})
      })
      lastExport.value = r
      return r
    } catch (err) {
      if ((err as { say?: { code: string } }).say?.code === 'report_exists') {
        pendingOverwrite.value = { choice: { ...c }, format: f, outFile: file }
        return undefined
      }
      throw err
    }
  })

  /** The user confirmed: write the refused export again, replacing the file. */
  async function confirmOverwrite(): Promise<void> {
    const p = pendingOverwrite.value
    if (p) await exportReport.run(p.choice, p.format, p.outFile, true)
  }

  return {
    choice,
    format,
    outFile,
    previewHtml,
    lastExport,
    pendingOverwrite,
    preview,
    exportReport,
    confirmOverwrite
  }
})
