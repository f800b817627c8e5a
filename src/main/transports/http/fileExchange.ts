import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { CastorError } from '@shared/api/errors'
import type { FileExchange } from '../../host/context'

const ID = /^[a-f0-9]{32}$/

export const newFileId = (): string => randomBytes(16).toString('hex')

/**
 * A client's file name, made safe to use as a basename: no folders, no control or reserved characters, no
 * leading dots. The extension survives, so format detection by extension still works on the upload.
 */
export function sanitizeFileName(name: string | null | undefined, fallback = 'upload'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
  if (!cleaned) return fallback
  if (cleaned.length <= 200) return cleaned
  const ext = path.extname(cleaned).slice(0, 20)
  return cleaned.slice(0, 200 - ext.length) + ext
}

export interface ServerFiles extends FileExchange {
  /** A fresh upload slot: the path to write to, and its id. */
  newUpload(fileName: string): { id: string; path: string }
  forgetUpload(id: string): void
  /** The file of a registered download, or null. */
  downloadPath(id: string): string | null
  dispose(): void
}

/**
 * Uploads and downloads of one `castor serve`, each in its own folder under `root` (a temp folder the server
 * removes on close), keyed by random ids so a client can name only files this server gave it.
 */
export function createServerFiles(root: string): ServerFiles {
  const uploads = new Map<string, string>()
  const downloads = new Map<string, string>()
  const slot = (kind: 'uploads' | 'downloads', id: string, fileName: string) => {
    const dir = path.join(root, kind, id)
    fs.mkdirSync(dir, { recursive: true })
    return path.join(dir, fileName)
  }
  return {
    newUpload(fileName) {
      const id = newFileId()
      const file = slot('uploads', id, sanitizeFileName(fileName))
      uploads.set(id, file)
      return { id, path: file }
    },
    forgetUpload(id) {
      const file = uploads.get(id)
      uploads.delete(id)
      if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true })
    },
    uploadedPath(uploadId) {
      const file = ID.test(uploadId) ? uploads.get(uploadId) : undefined
      if (!file) throw new CastorError('not-found', `No upload ${uploadId.slice(0, 40)}; upload the file again`, { field: 'uploadId' })
      return file
    },
    newDownload(fileName) {
      const id = newFileId()
      const file = slot('downloads', id, sanitizeFileName(fileName, 'export'))
      downloads.set(id, file)
      return { path: file, url: `/api/download/${id}` }
    },
    downloadPath(id) {
      return (ID.test(id) && downloads.get(id)) || null
    },
    dispose() {
      uploads.clear()
      downloads.clear()
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
