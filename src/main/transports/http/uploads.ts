import fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CastorError } from '@shared/api/errors'
import type { ServerFiles } from './fileExchange'

export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 ** 3

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The upload is over the limit of ${limit} bytes`)
  }
}

export interface UploadResult {
  uploadId: string
  name: string
  size: number
}

/** Streams a PUT body straight to a temp file (never buffered whole), under a size limit. */
export async function receiveUpload(request: IncomingMessage, files: ServerFiles, fileName: string | null, limit: number): Promise<UploadResult> {
  if (!fileName) throw new CastorError('invalid-input', 'Name the file: PUT /api/upload?name=FILE', { field: 'name' })
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw new TooLargeError(limit)

  const upload = files.newUpload(fileName)
  let size = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      if (size > limit) callback(new TooLargeError(limit))
      else callback(null, chunk)
    },
  })
  try {
    await pipeline(request, counter, fs.createWriteStream(upload.path, { flags: 'wx' }))
  } catch (error) {
    files.forgetUpload(upload.id)
    throw error
  }
  return { uploadId: upload.id, name: path.basename(upload.path), size }
}
