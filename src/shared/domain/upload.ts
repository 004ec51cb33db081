/**
 * Browser-mode file upload: where uploaded files land and how large one may be. The desktop
 * app has the system's file dialog instead and never uploads.
 */

/** Folder under the workspace root that receives uploads; the wizard names files as `imports/<name>`. */
export const IMPORTS_FOLDER = 'imports'

/** Largest file one upload may carry (250 MB): far above the CSVs Keizoku learns from, small enough to stream without stalling the server. */
export const UPLOAD_LIMIT_BYTES = 250_000_000

/** Longest file name kept (characters, after sanitising). */
export const UPLOAD_NAME_MAX = 120

/** What the server answers for a stored upload. */
export interface UploadResult {
  /** Path relative to the workspace root, as the wizard's path fields take it. */
  path: string
  /** The name stored (sanitised, and made unique when the folder already had it). */
  name: string
  bytes: number
}
