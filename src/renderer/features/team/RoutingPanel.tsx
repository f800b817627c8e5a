import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AssignmentPolicy, RoutingSettings, RoutingStatus } from '@shared/api/routingModels'
import { calibrationDefaultText } from '../routing/routingReason'
import { api } from '../../api'
import { useFormat } from '../../hooks/useFormat'
import { useRoutingStore } from '../../stores/routingStore'

const POLICIES: AssignmentPolicy[] = ['breadth', 'depth', 'random', 'judge-guided']

/** Lead: assignment policy, judge-guided routing and annotation mode; routing status and per-criterion thresholds. */
export function RoutingPanel() {
  const { t } = useTranslation()
  const { state, load } = useRoutingStore()
  useEffect(() => {
    void load()
    // live while shown: progress-changed arrives at most once a second (server-side throttle)
    return api.on('progress-changed', () => void load())
  }, [load])
  if (!state) return <p className="muted">{t('common.loading')}</p>
  return (
    <section className="team-panel" aria-label={t('routing.tab')} data-testid="team-routing">
      <RoutingForm key={JSON.stringify(state.settings)} settings={state.settings} />
      <RoutingStatusView status={state.status} judgeGuided={state.settings.policy === 'judge-guided'} minItems={state.settings.minItems} />
    </section>
  )
}

const num = (text: string): number | null => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text))

function RoutingForm({ settings }: { settings: RoutingSettings }) {
  const { t } = useTranslation()
  const { runs, saving, save } = useRoutingStore()
  const [draft, setDraft] = useState(settings)
  const [alphaText, setAlphaText] = useState(settings.alpha === null ? '' : String(settings.alpha))
  const [calibrationText, setCalibrationText] = useState(settings.calibrationSize === null ? '' : String(settings.calibrationSize))
  const patch = (p: Partial<RoutingSettings>) => setDraft((d) => ({ ...d, ...p }))
  const judgeGuided = draft.policy === 'judge-guided'
  const submit = () => {
    const alpha = draft.alpha === null ? null : num(alphaText)
    void save({ ...draft, alpha: draft.alpha === null ? null : (alpha ?? settings.alpha ?? 0.1), calibrationSize: num(calibrationText) })
  }
  return (
    <fieldset className="team-settings routing-settings" data-testid="routing-settings">
      <legend>{t('routing.settings')}</legend>
      <label>
        {t('routing.policy')}{' '}
        <select value={draft.policy} data-testid="routing-policy" onChange={(e) => patch({ policy: e.target.value as AssignmentPolicy })}>
          {POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`routing.policies.${policy}`)}
            </option>
          ))}
        </select>
      </label>
      {(draft.policy === 'random' || judgeGuided) && (
        <label>
          {t('routing.seed')} <input type="number" min={0} value={draft.seed} data-testid="routing-seed" onChange={(e) => patch({ seed: Math.max(0, Math.trunc(Number(e.target.value) || 0)) })} />
        </label>
      )}
      <label>
        {t('routing.mode')}{' '}
        <select value={draft.annotationMode} data-testid="routing-mode" onChange={(e) => patch({ annotationMode: e.target.value as RoutingSettings['annotationMode'] })}>
          <option value="blind">{t('routing.modes.blind')}</option>
          <option value="assisted">{t('routing.modes.assisted')}</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={draft.assistedInStatistics} data-testid="routing-assisted-stats" onChange={(e) => patch({ assistedInStatistics: e.target.checked })} />{' '}
        {t('routing.assistedInStatistics')}
      </label>
      <label>
        {t('routing.judgeRuns')}{' '}
        <select
          multiple
          value={draft.judgeRunIds.map(String)}
          data-testid="routing-runs"
          onChange={(e) => patch({ judgeRunIds: [...e.target.selectedOptions].map((o) => Number(o.value)) })}
        >
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {run.name}
            </option>
          ))}
        </select>
      </label>
      {judgeGuided && (
        <>
          <label>
            {t('routing.confidence')}{' '}
            <select value={draft.confidence} data-testid="routing-confidence" onChange={(e) => patch({ confidence: e.target.value as RoutingSettings['confidence'] })}>
              <option value="top">{t('routing.confidences.top')}</option>
              <option value="entropy">{t('routing.confidences.entropy')}</option>
            </select>
          </label>
          <label>
            <input type="checkbox" checked={draft.alpha === null} data-testid="routing-ceiling" onChange={(e) => patch({ alpha: e.target.checked ? null : (num(alphaText) ?? 0.1) })} />{' '}
            {t('routing.ceiling')}
          </label>
          {draft.alpha !== null && (
            <label>
              {t('routing.alpha')} <input type="number" step={0.01} min={0.01} max={0.99} value={alphaText} data-testid="routing-alpha" onChange={(e) => setAlphaText(e.target.value)} />
            </label>
          )}
          <label>
            {t('routing.delta')} <input type="number" step={0.01} min={0.01} max={0.99} value={draft.delta} data-testid="routing-delta" onChange={(e) => patch({ delta: Number(e.target.value) })} />
          </label>
          <label>
            {t('routing.calibrationSize')}{' '}
            <input type="number" min={1} value={calibrationText} placeholder={t('routing.calibrationPlaceholder')} data-testid="routing-calibration" onChange={(e) => setCalibrationText(e.target.value)} />
          </label>
          <label>
            {t('routing.minItems')} <input type="number" min={1} value={draft.minItems} data-testid="routing-min-items" onChange={(e) => patch({ minItems: Math.max(1, Math.trunc(Number(e.target.value) || 1)) })} />
          </label>
          <label>
            {t('routing.maxExperts')} <input type="number" min={1} max={50} value={draft.maxExperts} data-testid="routing-max-experts" onChange={(e) => patch({ maxExperts: Math.min(50, Math.max(1, Math.trunc(Number(e.target.value) || 1))) })} />
          </label>
          <label>
            {t('routing.piMin')} <input type="number" step={0.05} min={0} max={1} value={draft.piMin} data-testid="routing-pi-min" onChange={(e) => patch({ piMin: Math.min(1, Math.max(0, Number(e.target.value) || 0)) })} />
          </label>
        </>
      )}
      <button type="button" className="primary" disabled={saving} data-testid="routing-save" onClick={submit}>
        {t('routing.save')}
      </button>
    </fieldset>
  )
}

function RoutingStatusView({ status, judgeGuided, minItems }: { status: RoutingStatus; judgeGuided: boolean; minItems: number }) {
  const { t } = useTranslation()
  const format = useFormat()
  const recompute = useRoutingStore((s) => s.recompute)
  const share = (value: number | null) => (value === null ? '—' : `${format.number(Math.round(value * 1000) / 10)} %`)
  const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(2))
  return (
    <div className="routing-status" data-testid="routing-status" data-phase={status.phase}>
      <h3>{t('routing.status')}</h3>
      <p>{t('routing.phase', { phase: t(`routing.phases.${status.phase}`) })}</p>
      {status.phase !== 'off' && (
        <>
          <p data-testid="routing-calibration-progress">{t('routing.calibrationProgress', status.calibration)}</p>
          {status.calibrationChoice && (
            <p className="muted" data-testid="routing-calibration-choice">
              {status.calibrationChoice.setByLead ? t('routing.calibrationByLead', status.calibrationChoice) : calibrationDefaultText(status.calibrationChoice, t)}
            </p>
          )}
          <p data-testid="routing-items">{t('routing.items', status.items)}</p>
        </>
      )}
      <p data-testid="routing-expert-scores">{t('routing.expertScores', status.expertScores)}</p>
      {status.assisted.submitted > 0 && <p data-testid="routing-assisted">{t('routing.assisted', { submitted: status.assisted.submitted, kept: status.assisted.keptJudge })}</p>}
      {status.thresholds.length > 0 && (
        <table className="team-table" data-testid="routing-thresholds">
          <thead>
            <tr>
              <th>{t('routing.criterion')}</th>
              <th>{t('routing.lambda')}</th>
              <th>{t('routing.alphaColumn')}</th>
              <th>{t('routing.calibrationItems')}</th>
              <th>{t('routing.acceptedShare')}</th>
              <th>{t('routing.guarantee')}</th>
            </tr>
          </thead>
          <tbody>
            {status.thresholds.map((row) => (
              <tr key={row.criterionId} data-testid="routing-threshold-row" data-lambda={row.lambda ?? ''}>
                <td>{row.criterion}</td>
                <td>{fixed(row.lambda)}</td>
                <td>{fixed(row.alpha)}</td>
                <td>{row.calibrationItems}</td>
                <td>{share(row.acceptedShare)}</td>
                <td title={row.reasonText ?? undefined} data-testid="routing-guarantee">
                  {row.lambda === null
                    ? `${t('routing.guaranteeNone')}: ${row.reason ? t(`routing.why.${row.reason}`, { n: row.calibrationItems, minItems: minItems, alpha: fixed(row.alpha), delta: row.delta }) : ''}`
                    : t('routing.guaranteeHolds')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {judgeGuided && status.phase !== 'off' && (
        <button type="button" data-testid="routing-recompute" onClick={() => void recompute()}>
          {t('routing.recompute')}
        </button>
      )}
    </div>
  )
}
