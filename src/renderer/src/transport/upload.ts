import { KeizokuError } from '@shared/errors'
import type { Envelope } from '@shared/transport'
import type { UploadResult } from '@shared/domain/upload'
import { unwrap } from './envelope'

/**
 * Browser mode: sends one file to the server's upload endpoint as the raw request body.
 * XMLHttpRequest rather than fetch because only it reports upload progress; the token travels
 * in the same HttpOnly cookie as every API call.
 */
export function uploadFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  base: string = location.origin
): { done: Promise<UploadResult>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const done = new Promise<UploadResult>((resolve, reject) => {
    xhr.open('POST', `${base}/api/upload?name=${encodeURIComponent(file.name)}`)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onerror = () =>
      reject(new KeizokuError('unavailable', 'The upload was interrupted: Keizoku’s server does not answer.'))
    xhr.onabort = () => reject(new KeizokuError('cancelled', `The upload of ${file.name} was cancelled.`))
    xhr.onload = () => {
      if (xhr.status === 401) {
        reject(
          new KeizokuError('refused', 'This page is not signed in to the Keizoku server.', {
            hint: 'Open the link with the token that `npm run serve` printed.'
          })
        )
        return
      }
      try {
        resolve(unwrap(JSON.parse(xhr.responseText) as Envelope<UploadResult>))
      } catch (err) {
        reject(err instanceof KeizokuError ? err : new KeizokuError('internal', `The server answered ${xhr.status}.`))
      }
    }
    xhr.send(file)
  })
  return { done, abort: () => xhr.abort() }
}
