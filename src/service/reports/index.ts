/**
 * Reports: forgetting and ROI as HTML, PDF and CSV. `buildReport` is the entry point; the rest
 * is exported for tests and for hosts that print differently (Electron: src/main/printToPdf.ts).
 */
export { reportBuild, type ReportBuildArgs, type ReportBuildResult } from './api'
export { buildReport, type BuildReportOptions, type BuiltReport } from './build'
export { writeFileAtomic } from '../files'
export { readBenchResults, parseBenchResults } from './baselines'
export { htmlToPdf, chromiumPath } from './pdf'
export { headerFooter, type PdfOptions } from './pageTemplates'
export { toCsv, toCsvSections, toCsvBytes, csvField, guardText } from './csv'
export { collectForgetting } from './forgettingReport'
export { collectRoi } from './roiReport'
export * from './types'
