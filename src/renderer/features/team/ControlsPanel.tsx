import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/useFormat'
import { useAppStore } from '../../stores/appStore'
import { useAdjudicationStore } from '../../stores/adjudicationStore'

/** Control items: the mixing rate and feedback settings, the controls, and each annotator's accuracy on them. */
export function ControlsPanel() {
  const { t } = useTranslation()
  const format = useFormat()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const settings = useAdjudicationStore((s) => s.controlSettings)
  const controls = useAdjudicationStore((s) => s.controls)
  const accuracy = useAdjudicationStore((s) => s.accuracy)
  const { bind, loadControls, updateControlSettings, unmarkControl } = useAdjudicationStore.getState()
  const [percent, setPercent] = useState('')

  useEffect(() => {
    bind(projectPath)
    void loadControls()
  }, [bind, loadControls, projectPath])
  useEffect(() => {
    if (settings) setPercent(String(Math.round(settings.rate * 1000) / 10))
  }, [settings?.rate]) // eslint-disable-line react-hooks/exhaustive-deps

  const commitRate = () => {
    const value = Number(percent)
    if (!Number.isFinite(value) || value < 0 || value > 100 || !settings) return setPercent(String(Math.round((settings?.rate ?? 0) * 1000) / 10))
    if (value / 100 !== settings.rate) void updateControlSettings({ rate: value / 100 })
  }

  return (
    <section className="team-panel" aria-label={t('controls.settings')} data-testid="team-controls">
      {settings && (
        <fieldset className="team-settings">
          <legend>{t('controls.settings')}</legend>
          <label title={t('controls.rateHint')}>
            {t('controls.rate')}{' '}
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={percent}
              data-testid="controls-rate"
              onChange={(e) => setPercent(e.target.value)}
              onBlur={commitRate}
              onKeyDown={(e) => e.key === 'Enter' && commitRate()}
            />{' '}
            %
          </label>
          <span className="muted">{t('controls.rateHint')}</span>
          <label className="check" title={t('controls.feedbackHint')}>
            <input type="checkbox" checked={settings.feedback} data-testid="controls-feedback" onChange={(e) => void updateControlSettings({ feedback: e.target.checked })} />
            {t('controls.feedback')}
          </label>
          <span className="muted">{t('controls.feedbackHint')}</span>
        </fieldset>
      )}
      <h3>{t('controls.accuracy')}</h3>
      {accuracy.length === 0 ? (
        <p className="muted">{t('controls.noAccuracy')}</p>
      ) : (
        <table className="team-table" data-testid="controls-accuracy">
          <tbody>
            {accuracy.map((row) => (
              <tr key={row.annotatorId}>
                <td>{row.name}</td>
                <td>{t('controls.accuracyRow', { correct: row.correct, n: row.n })}</td>
                <td>{format.number(Math.round((100 * row.correct) / row.n))} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('controls.list')}</h3>
      {controls.total === 0 ? (
        <p className="muted">{t('controls.noControls')}</p>
      ) : (
        <table className="team-table" data-testid="controls-list">
          <thead>
            <tr>
              <th>{t('workbench.team.model')}</th>
              <th>{t('workbench.team.criterion')}</th>
              <th>{t('controls.reference')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {controls.rows.map((row) => (
              <tr key={row.itemId} data-testid="controls-row">
                <td>{row.model}</td>
                <td>{row.criterionName}</td>
                <td>
                  {format.number(row.score)} <span className="muted">({t(`controls.source.${row.source}`)})</span>
                  {row.note && <div className="muted">{row.note}</div>}
                </td>
                <td>
                  <button type="button" onClick={() => void unmarkControl(row.itemId)}>
                    {t('controls.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
