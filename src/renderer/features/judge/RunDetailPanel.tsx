import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/useFormat'
import { useJudgeStore } from '../../stores/judgeStore'

/** The chosen run: its score distribution, frequent errors and latest judgments (plain text, never HTML). */
export function RunDetailPanel() {
  const { t } = useTranslation()
  const format = useFormat()
  const detail = useJudgeStore((state) => state.detail)
  const preview = useJudgeStore((state) => state.preview)
  const showPrompt = useJudgeStore((state) => state.showPrompt)
  if (!detail) return <section className="judge-panel judge-detail" />
  const total = detail.scoreCounts.reduce((sum, entry) => sum + entry.count, 0)
  return (
    <section className="judge-panel judge-detail" aria-label={t('judge.detail', { name: detail.name })} data-testid="judge-detail">
      <h2>{t('judge.detail', { name: detail.name })}</h2>
      <h3>{t('judge.scores')}</h3>
      {total === 0 ? (
        <p className="muted">{t('judge.noScores')}</p>
      ) : (
        <ul className="judge-histogram" data-testid="judge-histogram">
          {detail.scoreCounts.map((entry) => (
            <li key={entry.score}>
              <span className="judge-histogram-score">{format.number(entry.score)}</span>
              <span className="judge-histogram-bar" style={{ width: `${Math.round((entry.count / total) * 100)}%` }} />
              <span className="muted">{format.count(entry.count)}</span>
            </li>
          ))}
        </ul>
      )}
      {detail.topErrors.length > 0 && (
        <>
          <h3>{t('judge.topErrors')}</h3>
          <ul className="judge-top-errors" data-testid="judge-top-errors">
            {detail.topErrors.map((entry) => (
              <li key={entry.error}>
                <span className="judge-errors">{format.count(entry.count)}×</span> {entry.error}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('judge.recent')}</h3>
      <table className="judge-recent" data-testid="judge-recent">
        <thead>
          <tr>
            <th>{t('judge.item')}</th>
            <th>{t('judge.score')}</th>
            <th>{t('judge.expected')}</th>
            <th>{t('judge.error')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.recent.map((row) => (
            <tr
              key={row.itemId}
              className={preview?.itemId === row.itemId ? 'selected' : undefined}
              tabIndex={0}
              onClick={() => void showPrompt(row.itemId)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void showPrompt(row.itemId)
              }}
              data-testid="judge-recent-row"
            >
              <td>{row.itemId}</td>
              <td>{row.score === null ? '—' : format.number(row.score)}</td>
              <td>{row.expectedScore === null ? '' : format.number(row.expectedScore)}</td>
              <td className="judge-errors">{row.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview && (
        <>
          <h3>{t('judge.prompt', { item: preview.itemId })}</h3>
          <pre className="judge-prompt" data-testid="judge-prompt">
            {preview.prompt}
          </pre>
        </>
      )}
    </section>
  )
}
