import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CriteriaSet, SetTarget } from '@shared/api/criteriaModels'
import { ProgressBar } from '../../components/ProgressBar'
import { useFormat } from '../../hooks/useFormat'
import { useCriteriaStore } from '../../stores/criteriaStore'
import { useJobsStore } from '../../stores/jobsStore'

function targetText(target: SetTarget, t: (key: string) => string): string {
  if (target.kind === 'all') return t('setup.targetAll')
  if (target.kind === 'task') return target.path
  return `${target.column} = ${target.value}`
}

/** Criteria sets: what each holds and where it applies; attach one to all instructions, a task, or a column's value. */
export function SetsPanel() {
  const { t } = useTranslation()
  const sets = useCriteriaStore((s) => s.sets)
  const lastAttach = useCriteriaStore((s) => s.lastAttach)
  return (
    <section className="team-panel" aria-label={t('setup.sets')}>
      {lastAttach && (
        <p role="status" data-testid="set-attached">
          {t('setup.attached', lastAttach)}
        </p>
      )}
      {sets.length === 0 ? <p className="muted">{t('setup.noSets')}</p> : sets.map((set) => <SetCard key={set.id} set={set} />)}
    </section>
  )
}

function SetCard({ set }: { set: CriteriaSet }) {
  const { t } = useTranslation()
  const attach = useCriteriaStore((s) => s.attach)
  const library = useCriteriaStore((s) => s.library)
  const [kind, setKind] = useState<SetTarget['kind']>('task')
  const [path, setPath] = useState('')
  const [column, setColumn] = useState('')
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const target: SetTarget | null =
    kind === 'all' ? { kind } : kind === 'task' ? (path.trim() ? { kind, path: path.trim() } : null) : column.trim() ? { kind, column: column.trim(), value } : null

  return (
    <article className="setup-card" data-testid={`set-${set.name}`}>
      <h3>{set.name}</h3>
      <p className="muted">{t('setup.setSummary', { criteria: set.criteria.length, items: set.items })}</p>
      <p className="setup-set-criteria">{set.criteria.map((criterion) => criterion.name).join(' · ')}</p>
      {set.targets.length > 0 && (
        <p>
          {t('setup.targets')}: {set.targets.map((target) => targetText(target, t)).join('; ')}
        </p>
      )}
      <div className="team-add">
        <label>
          {t('setup.attachTo')}{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as SetTarget['kind'])} data-testid="attach-kind">
            <option value="task">{t('setup.targetTask')}</option>
            <option value="all">{t('setup.targetAll')}</option>
            <option value="column">{t('setup.targetColumn')}</option>
          </select>
        </label>
        {kind === 'task' && (
          <>
            <input list={`tasks-${set.id}`} placeholder={t('setup.taskPath')} aria-label={t('setup.taskPath')} value={path} onChange={(event) => setPath(event.target.value)} data-testid="attach-task" />
            <datalist id={`tasks-${set.id}`}>
              {library?.tasks.map((task) => (
                <option key={task.path} value={task.path} />
              ))}
            </datalist>
          </>
        )}
        {kind === 'column' && (
          <>
            <input placeholder={t('setup.column')} aria-label={t('setup.column')} value={column} onChange={(event) => setColumn(event.target.value)} />
            <input placeholder={t('setup.value')} aria-label={t('setup.value')} value={value} onChange={(event) => setValue(event.target.value)} />
          </>
        )}
        <button
          type="button"
          className="primary"
          data-testid="attach-run"
          disabled={!target || busy}
          onClick={() => {
            if (!target) return
            setBusy(true)
            void attach(set.id, target).then(() => setBusy(false))
          }}
        >
          {t('setup.attach')}
        </button>
      </div>
      {busy && <AttachProgress name={set.name} />}
    </article>
  )
}

/** The expansion job of a set (named after it) while it runs: instructions done of all, with the time left. */
function AttachProgress({ name }: { name: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  const job = useJobsStore((s) => Object.values(s.jobs).find((candidate) => candidate.label === name && candidate.status === 'running'))
  if (!job) return null
  return (
    <div className="team-add" data-testid="attach-progress">
      <ProgressBar fraction={job.total ? job.done / job.total : null} label={t('setup.attach')} />
      {job.etaMs !== null && <span className="muted">{format.duration(job.etaMs)}</span>}
    </div>
  )
}
