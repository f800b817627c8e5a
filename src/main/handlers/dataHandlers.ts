import path from 'node:path'
import { CastorError } from '@shared/api/errors'
import type { ImportFormat } from '@shared/api/models'
import type { OperationInput } from '@shared/api/operations'
import type { HostContext } from '../host/context'
import { exportProject, exportFileName } from '../services/exporters'
import { checkTarget } from '../services/exporters/outputFile'
import { importFile } from '../services/importers'
import { polluxLibraryFile, polluxLibraryName } from '../services/pollux/library'
import { projectName } from '../services/project/projectInfo'
import { requireNoRunningImport } from './guards'
import type { HandlerMap } from './types'

type ImportSource = OperationInput<'import-start'>['source']

/** The file an import reads, its name in messages, and its format (a built-in library implies its own). */
export function importSource(source: ImportSource, format: ImportFormat, context: HostContext): { file: string; displayName: string; format: ImportFormat } {
  if ('library' in source) return { file: polluxLibraryFile(source.library), displayName: polluxLibraryName(source.library), format: source.library }
  if ('uploadId' in source) {
    if (!context.files) throw new CastorError('unsupported', 'Uploads exist only under `castor serve`')
    const file = context.files.uploadedPath(source.uploadId)
    return { file, displayName: path.basename(file), format }
  }
  if (!context.canSwitchProjects) throw new CastorError('forbidden', 'Over HTTP, import by uploading the file')
  return { file: source.path, displayName: source.path, format }
}

export const dataHandlers: HandlerMap<'import-start' | 'export-run' | 'job-list' | 'job-cancel'> = {
  'import-start': ({ source, format: chosen }, context) => {
    const { db } = context.project.requireWritable()
    const { file, displayName, format } = importSource(source, chosen, context)
    const job = context.jobs.start({
      kind: 'import',
      label: path.basename(displayName),
      unit: 'bytes',
      run: async ({ report, signal }) => {
        const summary = await importFile(db, file, { format, signal, onProgress: report, displayName })
        context.project.changed()
        return summary
      },
    })
    return { jobId: job.id }
  },
  'export-run': async ({ format, path: target, bom, rawCsv }, context) => {
    const options = { bom, rawCsv }
    const { db, path: projectPath } = context.project.require()
    requireNoRunningImport(context, 'export')
    if (target) {
      if (!context.canSwitchProjects) throw new CastorError('forbidden', 'Over HTTP, exports are downloaded, not written to a path')
      // The desktop's save dialog has already asked before replacing a file; the project itself is never replaced.
      checkTarget(target, { overwrite: true, projectFile: projectPath })
      return { format, path: target, ...(await exportProject(db, format, target, options)) }
    }
    if (!context.files) throw new CastorError('invalid-input', 'Give the path to export to', { field: 'path' })
    const download = context.files.newDownload(exportFileName(projectName(db, projectPath), format))
    return { format, path: path.basename(download.path), downloadUrl: download.url, ...(await exportProject(db, format, download.path, options)) }
  },
  'job-list': (_input, context) => context.jobs.list(),
  'job-cancel': ({ id }, context) => context.jobs.cancel(id),
}
