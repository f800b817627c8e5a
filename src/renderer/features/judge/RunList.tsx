import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { JudgeRunSummary } from '@shared/api/judgeModels'
import { ProgressBar } from '../../components/ProgressBar'
import { useFormat } from '../../hooks/useFormat'
import { useJudgeStore } from '../../stores/judgeStore'
import { useMeStore } from '../../stores/meStore'

/** Every run of the project with its counts; a running one shows its bar, rates and time left. */
export function RunList() {
  const { t } = useTranslation()
  const runs = useJudgeStore((state) => state.runs)
  const loaded = useJudgeStore((state) => state.loaded)
  const selected = useJudgeStore((state) => state.selectedRunId)
  const select = useJudgeStore((state) => state.select)

  const onKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const index = runs.findIndex((run) => run.id === selected)
    const next = runs[Math.min(runs.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]
    if (next) void select(next.id)
  }

  return (
    <section className="judge-panel" aria-label={t('judge.runs')}>
      <h2>{t('judge.runs')}</h2>
      {loaded && runs.length === 0 && <p className="muted">{t('judge.noRuns')}</p>}
      <ul className="judge-runs" tabIndex={0} onKeyDown={onKey} data-testid="judge-runs">
        {runs.map((run) => (
          <RunRow key={run.id} run={run} selected={run.id === selected} onSelect={() => void select(run.id)} />
        ))}
      </ul>
    </section>
  )
}

function RunRow({ run, selected, onSelect }: { run: JudgeRunSummary; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation()
  const format = useFormat()
  const progress = useJudgeStore((state) => state.progress[run.id])
  const pause = useJudgeStore((state) => state.pause)
  const resume = useJudgeStore((state) => state.resume)
  const cancel = useJudgeStore((state) => state.cancel)
  const isOwner = useMeStore((state) => (state.me?.role ?? 'owner') === 'owner')
  const imported = run.backend === 'imported'
  const live = run.active && progress?.status === 'running' ? progress : null
  const judged = live?.done ?? run.judged
  const queued = live?.total ?? run.queued
  // A run left `running` by a process that died (kill -9, power loss) is resumable.
  const status = imported ? t('judge.imported') : run.status === 'running' && !run.active ? t('judge.interrupted') : t(`judge.status.${run.status}`)
  return (
    <li className={`judge-run ${selected ? 'selected' : ''}`} onClick={onSelect} data-testid="judge-run" data-run-name={run.name} data-status={run.status}>
      <div className="judge-run-head">
        <span className="judge-run-name">{run.name}</span>
        <span className="judge-run-model muted">{run.model}</span>
        <span className={`tag judge-status-${run.status}`} data-testid="judge-run-status">
          {status}
        </span>
      </div>
      {!imported && <ProgressBar fraction={queued > 0 ? judged / queued : null} label={run.name} testId="judge-run-progress" />}
      <div className="progress-caption">
        <span data-testid="judge-run-counts">{t('judge.judged', { judged: format.count(judged), queued: format.count(queued) })}</span>
        {(live?.errors ?? run.errors) > 0 && <span className="judge-errors">{t('judge.errors', { count: live?.errors ?? run.errors })}</span>}
        {live && (
          <span data-testid="judge-run-rate">
            {t('judge.rate', { items: format.number(live.itemsPerSecond), tokens: format.number(live.tokensPerSecond) })}
            {live.etaMs !== null ? ` · ${t('judge.eta', { time: format.duration(live.etaMs) })}` : ''}
          </span>
        )}
      </div>
      {run.error && (
        <div className="judge-errors judge-run-error" data-testid="judge-run-error">
          {run.error}
        </div>
      )}
      {!imported && (
        <div className="judge-run-actions" onClick={(event) => event.stopPropagation()}>
          {run.active ? (
            <>
              <button type="button" onClick={() => void pause(run.id)} data-testid="judge-pause">
                {t('judge.pause')}
              </button>
              <button type="button" onClick={() => void cancel(run.id)} data-testid="judge-cancel">
                {t('judge.cancel')}
              </button>
            </>
          ) : (
            isOwner &&
            run.status !== 'done' && (
              <button type="button" onClick={() => void resume(run.id)} data-testid="judge-resume">
                {t('judge.resume')}
              </button>
            )
          )}
        </div>
      )}
    </li>
  )
}
