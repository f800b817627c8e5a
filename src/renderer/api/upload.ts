import { CastorError } from '@shared/api/errors'
import { unwrap } from './reply'

export interface UploadProgress {
  loaded: number
  total: number
}

/**
 * Sends a browser File to `castor serve` (PUT /api/upload) and returns its upload id for import-start.
 * XMLHttpRequest rather than fetch, because only it reports upload progress.
 */
export function uploadFile(file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('PUT', `/api/upload?name=${encodeURIComponent(file.name)}`)
    request.withCredentials = true
    request.setRequestHeader('content-type', 'application/octet-stream')
    request.upload.addEventListener('progress', (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size })
    })
    request.addEventListener('load', () => {
      try {
        const reply = JSON.parse(request.responseText) as Parameters<typeof unwrap<{ uploadId: string }>>[0]
        resolve(unwrap(reply).uploadId)
      } catch (error) {
        reject(error instanceof CastorError ? error : new CastorError('internal', `Upload failed: HTTP ${request.status}`))
      }
    })
    request.addEventListener('error', () => reject(new CastorError('internal', 'Upload failed: the server could not be reached')))
    request.addEventListener('abort', () => reject(new CastorError('cancelled', 'Upload cancelled')))
    signal?.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}
