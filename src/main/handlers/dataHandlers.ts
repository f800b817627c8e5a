import path from 'node:path'
import { CastorError } from '@shared/api/errors'
import { exportProject, exportFileName } from '../services/exporters'
import { checkTarget } from '../services/exporters/outputFile'
import { importFile } from '../services/importers'
import { projectName } from '../services/project/projectInfo'
import { requireNoRunningImport } from './guards'
import type { HandlerMap } from './types'

export const dataHandlers: HandlerMap<'import-start' | 'export-run' | 'job-list' | 'job-cancel'> = {
  'import-start': ({ source, format }, context) => {
    const { db } = context.project.requireWritable()
    let file: string
    let displayName: string
    if ('uploadId' in source) {
      if (!context.files) throw new CastorError('unsupported', 'Uploads exist only under `castor serve`')
      file = context.files.uploadedPath(source.uploadId)
      displayName = path.basename(file)
    } else {
      if (!context.canSwitchProjects) throw new CastorError('forbidden', 'Over HTTP, import by uploading the file')
      file = source.path
      displayName = source.path
    }
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
  'export-run': async ({ format, path: target }, context) => {
    const { db, path: projectPath } = context.project.require()
    requireNoRunningImport(context, 'export')
    if (target) {
      if (!context.canSwitchProjects) throw new CastorError('forbidden', 'Over HTTP, exports are downloaded, not written to a path')
      // The desktop's save dialog has already asked before replacing a file; the project itself is never replaced.
      checkTarget(target, { overwrite: true, projectFile: projectPath })
      return { format, path: target, ...(await exportProject(db, format, target)) }
    }
    if (!context.files) throw new CastorError('invalid-input', 'Give the path to export to', { field: 'path' })
    const download = context.files.newDownload(exportFileName(projectName(db, projectPath), format))
    return { format, path: path.basename(download.path), downloadUrl: download.url, ...(await exportProject(db, format, download.path)) }
  },
  'job-list': (_input, context) => context.jobs.list(),
  'job-cancel': ({ id }, context) => context.jobs.cancel(id),
}
