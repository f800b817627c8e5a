import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { useTeamStore, type ReviewFilters } from '../../stores/teamStore'
import { criterionText } from '../item/criterionText'
import { RoutingReason } from '../routing/RoutingReason'
import { PagedRowList } from './PagedRowList'
import { ScoresSideBySide } from './ScoresSideBySide'

/** Review: submitted items filtered by annotator, criterion, model and score, rationales side by side; virtualized. */
export function ReviewPanel() {
  const { t } = useTranslation()
  const review = useTeamStore((s) => s.review)
  const annotators = useTeamStore((s) => s.annotators)
  const criteria = useTeamStore((s) => s.criteria)
  const language = useAppStore((s) => s.language)
  const { setReviewFilters, loadReview } = useTeamStore.getState()
  const [model, setModel] = useState(review.filters.model ?? '')
  const [score, setScore] = useState(review.filters.score === undefined ? '' : String(review.filters.score))
  // Filters may also arrive from the URL (a shared link) after the panel has mounted.
  useEffect(() => setModel(review.filters.model ?? ''), [review.filters.model])
  useEffect(() => setScore(review.filters.score === undefined ? '' : String(review.filters.score)), [review.filters.score])

  useEffect(() => {
    const timer = setTimeout(() => {
      const next: ReviewFilters = { ...useTeamStore.getState().review.filters }
      delete next.model
      delete next.score
      if (model.trim()) next.model = model.trim()
      if (score.trim() !== '' && Number.isFinite(Number(score))) next.score = Number(score)
      const current = useTeamStore.getState().review.filters
      if (next.model !== current.model || next.score !== current.score) setReviewFilters(next)
    }, 300)
    return () => clearTimeout(timer)
  }, [model, score, setReviewFilters])

  const setFilter = (patch: ReviewFilters) => {
    const next = { ...review.filters, ...patch }
    for (const key of Object.keys(next) as (keyof ReviewFilters)[]) if (next[key] === undefined) delete next[key]
    setReviewFilters(next)
  }

  return (
    <section className="team-panel team-list-panel" aria-label={t('workbench.team.review')} data-testid="team-review">
      <div className="team-filters" aria-label={t('workbench.team.filters')}>
        <select
          aria-label={t('workbench.team.annotator')}
          value={review.filters.annotatorId ?? ''}
          data-testid="review-filter-annotator"
          onChange={(e) => setFilter({ annotatorId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">
            {t('workbench.team.annotator')}: {t('workbench.team.any')}
          </option>
          {annotators.map((annotator) => (
            <option key={annotator.id} value={annotator.id}>
              {annotator.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('workbench.team.criterion')}
          value={review.filters.criterionId ?? ''}
          data-testid="review-filter-criterion"
          onChange={(e) => setFilter({ criterionId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">
            {t('workbench.team.criterion')}: {t('workbench.team.any')}
          </option>
          {Object.values(criteria).map((criterion) => (
            <option key={criterion.id} value={criterion.id}>
              {criterionText(criterion, language).name}
            </option>
          ))}
        </select>
        <input type="text" value={model} placeholder={t('workbench.team.model')} aria-label={t('workbench.team.model')} data-testid="review-filter-model" onChange={(e) => setModel(e.target.value)} />
        <input type="text" inputMode="decimal" value={score} placeholder={t('workbench.team.score')} aria-label={t('workbench.team.score')} data-testid="review-filter-score" onChange={(e) => setScore(e.target.value)} />
        <span className="muted" data-testid="review-total">
          {t('workbench.team.rows', { count: review.total })}
        </span>
      </div>
      <PagedRowList
        page={review}
        loadFrom={loadReview}
        estimateSize={140}
        overscan={6}
        testId="review-list"
        rowTestId="review-row"
        renderRow={(row) => (
          <>
            <div className="row-line">
              <span className="answer-model">{row.model}</span>
              <strong>{row.criterionName}</strong>
              <span className="row-preview">{row.preview}</span>
            </div>
            <RoutingReason itemId={row.itemId} />
            <ScoresSideBySide annotations={row.annotations} judges={row.judges} />
          </>
        )}
      />
    </section>
  )
}
