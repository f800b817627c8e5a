import { useTranslation } from 'react-i18next'
import { ImportFormat, PolluxLibrary, type Job } from '@shared/api/models'
import { api } from '../../api'
import { useImportStore, type ImportSource } from '../../stores/importStore'
import { useJobsStore } from '../../stores/jobsStore'
import { Modal } from '../../components/Modal'
import { ErrorDetails } from '../../components/ErrorDetails'
import { ImportProgress } from './ImportProgress'
import { MappingView, shownProblems } from './MappingView'
import { ImportSummaryView, asImportSummary } from './ImportSummaryView'

const formats = ImportFormat.options

/** Import: choose a file and its format, then watch the upload and the job, then its summary or its error. */
export function ImportDialog() {
  const { t } = useTranslation()
  const { source, format, phase, upload, jobId, error, preview, mapping, usedSavedFrom, hide, setSource, setFormat, pickDesktopFile, start, cancel, again, setMapping, startMapped } =
    useImportStore()
  const job: Job | undefined = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined))
  const busy = phase === 'uploading' || phase === 'previewing' || phase === 'starting' || phase === 'running'
  const mappingShown = phase === 'mapping' && preview !== null
  const finished = phase === 'finished'
  const summary = job?.status === 'done' ? asImportSummary(job.result) : null
  const chosenName = !source
    ? t('import.noFile')
    : source.kind === 'file'
      ? source.file.name
      : source.kind === 'path'
        ? source.path
        : t(`import.libraries.${source.library}`)
  const failure = error ?? (job && job.status !== 'running' && job.status !== 'done' ? job.error : null)

  const footer = (
    <>
      {busy && (
        <button type="button" onClick={() => void cancel()} data-testid="import-cancel">
          {t('common.cancel')}
        </button>
      )}
      {finished && (
        <button type="button" onClick={again} data-testid="import-again">
          {t('import.another')}
        </button>
      )}
      {mappingShown && (
        <>
          <button type="button" onClick={again} data-testid="mapping-back">
            {t('mapping.back')}
          </button>
          <button type="button" className="primary" disabled={shownProblems(preview, mapping).length > 0} onClick={() => void startMapped()} data-testid="mapping-import">
            {t('mapping.importMapped')}
          </button>
        </>
      )}
      {!busy && !finished && !mappingShown && (
        <button type="button" className="primary" disabled={!source} onClick={() => void start()} data-testid="import-start">
          {t('import.start')}
        </button>
      )}
      <button type="button" onClick={hide} data-testid="import-close">
        {busy ? t('import.hide') : t('common.close')}
      </button>
    </>
  )

  return (
    <Modal title={t('import.title')} onClose={hide} footer={footer} testId="import-dialog">
      {mappingShown && <MappingView preview={preview} mapping={mapping} onChange={setMapping} />}
      <div className="form-grid" hidden={mappingShown}>
        <span className="form-label">{t('import.file')}</span>
        {api.platform === 'web' ? (
          <div className="file-pick">
            <input
              id="import-file"
              className="visually-hidden"
              type="file"
              accept=".jsonl,.json,.csv,.parquet,.ndjson"
              disabled={busy || finished}
              data-testid="import-file"
              onChange={(event) => {
                const file = event.target.files?.[0]
                setSource(file ? { kind: 'file', file } : null)
              }}
            />
            <label htmlFor="import-file" className={`button ${busy || finished ? 'disabled' : ''}`}>
              {t('import.choose')}
            </label>
            <code className="file-path" data-testid="import-file-name">
              {chosenName}
            </code>
          </div>
        ) : (
          <div className="file-pick">
            <button id="import-file" type="button" disabled={busy || finished} onClick={() => void pickDesktopFile()} data-testid="import-file">
              {t('import.choose')}
            </button>
            <code className="file-path">{chosenName}</code>
          </div>
        )}

        <span className="form-label">{t('import.library')}</span>
        <LibraryChoice source={source} disabled={busy || finished} onChoose={setSource} />

        <label htmlFor="import-format">{t('import.format')}</label>
        <select
          id="import-format"
          value={source?.kind === 'library' ? source.library : format}
          disabled={busy || finished || source?.kind === 'library'}
          onChange={(event) => setFormat(event.target.value as ImportFormat)}
          data-testid="import-format"
        >
          {formats.map((value) => (
            <option key={value} value={value}>
              {t(`import.formats.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {phase === 'previewing' && <p className="muted">{t('mapping.reading')}</p>}
      {usedSavedFrom && phase !== 'idle' && (
        <p className="muted" data-testid="mapping-used-saved">
          {t('mapping.usedSaved', { file: usedSavedFrom })}
        </p>
      )}

      {(busy || (finished && job?.status === 'done')) && <ImportProgress phase={phase} upload={upload} job={job} />}
      {finished && failure && (
        <div className="import-outcome">
          <h3 className="outcome-title outcome-failed">{job?.status === 'cancelled' ? t('import.cancelled') : t('import.failed')}</h3>
          <ErrorDetails error={failure} testId="import-error" />
        </div>
      )}
      {finished && summary && <ImportSummaryView summary={summary} />}
      {finished && job?.status === 'done' && !summary && <h3 className="outcome-title outcome-done">{t('import.done')}</h3>}
    </Modal>
  )
}

/** The POLLUX taxonomies shipped with Castor: one click chooses one instead of a file. */
function LibraryChoice({ source, disabled, onChoose }: { source: ImportSource | null; disabled: boolean; onChoose: (source: ImportSource) => void }) {
  const { t } = useTranslation()
  return (
    <div className="file-pick" role="group" aria-label={t('import.library')}>
      {PolluxLibrary.options.map((library) => (
        <button
          key={library}
          type="button"
          disabled={disabled}
          aria-pressed={source?.kind === 'library' && source.library === library}
          onClick={() => onChoose({ kind: 'library', library })}
          data-testid={`import-library-${library}`}
        >
          {t(`import.libraries.${library}`)}
        </button>
      ))}
    </div>
  )
}
