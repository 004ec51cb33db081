import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ReportBuildResult } from '@shared/types'
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
 */
export const useReportsStore = defineStore('reports', () => {
  const user = useUserStore()
  const previewHtml = ref<string>()
  const lastExport = ref<ReportBuildResult>()

  const preview = action(async (c: ReportChoice) => {
    previewHtml.value = undefined
    const r = await getTransport().invoke('report.build', { ...common(c), format: 'html' })
    previewHtml.value = r.html ?? ''
    return r
  })

  const exportReport = action(async (c: ReportChoice, format: ReportFormat, outFile: string) => {
    lastExport.value = undefined
    const by = user.name.trim()
    const r = await getTransport().invoke('report.build', {
      ...common(c),
      format,
      outFile: outFile.trim(),
      ...(by ? { by } : {})
    })
    lastExport.value = r
    return r
  })

  return { previewHtml, lastExport, preview, exportReport }
})
