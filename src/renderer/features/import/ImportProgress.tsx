import { useTranslation } from 'react-i18next'
import type { Job } from '@shared/api/models'
import { ProgressBar } from '../../components/ProgressBar'
import { useFormat } from '../../hooks/useFormat'

/** The upload, then the job: a bar with percent, rows so far and the time left. */
export function ImportProgress({
  phase,
  upload,
  job,
}: {
  phase: string
  upload: { loaded: number; total: number } | null
  job: Job | undefined
}) {
  const { t } = useTranslation()
  const format = useFormat()

  if (phase === 'uploading' && upload) {
    const fraction = upload.total > 0 ? upload.loaded / upload.total : null
    return (
      <div className="import-progress" data-testid="import-progress">
        <div className="progress-caption">
          <span>{t('import.uploading')}</span>
          <span>
            {format.bytes(upload.loaded)} / {format.bytes(upload.total)}
          </span>
        </div>
        <ProgressBar fraction={fraction} label={t('import.uploading')} testId="progress-bar" />
      </div>
    )
  }
  if (!job) {
    return (
      <div className="import-progress" data-testid="import-progress">
        <div className="progress-caption">
          <span>{t('import.starting')}</span>
        </div>
        <ProgressBar fraction={null} label={t('import.starting')} testId="progress-bar" />
      </div>
    )
  }
  const fraction = job.status === 'done' ? 1 : job.total ? job.done / job.total : null
  return (
    <div className="import-progress" data-testid="import-progress" data-status={job.status}>
      <div className="progress-caption">
        <span data-testid="import-percent">{fraction === null ? '…' : `${Math.floor(fraction * 100)}%`}</span>
        <span data-testid="import-rows">{t('import.rows', { rows: format.count(job.rows) })}</span>
        <span data-testid="import-eta">
          {job.status === 'running' && job.etaMs !== null ? t('import.eta', { time: format.duration(job.etaMs) }) : ''}
        </span>
      </div>
      <ProgressBar fraction={fraction} label={job.label} testId="progress-bar" />
    </div>
  )
}
