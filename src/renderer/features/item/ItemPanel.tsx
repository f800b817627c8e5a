import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ItemDetail } from '@shared/api/models'
import { useBrowseStore } from '../../stores/browseStore'
import { useAppStore } from '../../stores/appStore'
import { SafeMarkdown } from '../../components/SafeMarkdown'
import { CriterionDescription } from './CriterionDescription'
import { useHotkeys } from '../../hooks/useHotkeys'
import { useFormat } from '../../hooks/useFormat'
import { criterionText, hasTranslation } from './criterionText'
import { RubricLevels } from './RubricLevels'
import { RoutingReason } from '../routing/RoutingReason'
import { Annotations, Judgments } from './ScoreTables'
import { ControlBadge } from './ControlBadge'

/** Pane 3: the answer as safe markdown beside the open criterion, its rubric and every score. */
export function ItemPanel() {
  const { t } = useTranslation()
  const responseId = useBrowseStore((s) => s.responseId)
  const response = useBrowseStore((s) => s.response)
  const itemId = useBrowseStore((s) => s.itemId)
  const item = useBrowseStore((s) => s.item)
  const stepItem = useBrowseStore((s) => s.stepItem)

  useHotkeys({
    j: () => void stepItem(1),
    J: () => void stepItem(1),
    ArrowRight: () => void stepItem(1),
    k: () => void stepItem(-1),
    K: () => void stepItem(-1),
    ArrowLeft: () => void stepItem(-1),
  })

  if (responseId === null) {
    return (
      <section className="pane pane-item" aria-label={t('item.title')}>
        <div className="pane-placeholder">{t('item.chooseAnswer')}</div>
      </section>
    )
  }
  const answer = item?.response.id === responseId ? item.response : response?.response
  return (
    <section className="pane pane-item" aria-label={t('item.title')} data-testid="item-panel">
      <div className="item-columns">
        <article className="answer-column pane-scroll" aria-label={t('item.answer')}>
          <header className="pane-header">
            <h2>{t('item.answer')}</h2>
            {answer && <span className="answer-model">{answer.model}</span>}
          </header>
          {answer ? (
            <div data-testid="answer-text">
              <SafeMarkdown text={answer.text} />
            </div>
          ) : (
            <div className="pane-placeholder">{t('common.loading')}</div>
          )}
        </article>
        <aside className="criterion-column pane-scroll" aria-label={t('criterion.title')}>
          {itemId === null ? (
            <div className="pane-placeholder">{t('item.chooseCriterion')}</div>
          ) : item && item.id === itemId ? (
            <CriterionView item={item} />
          ) : (
            <div className="pane-placeholder">{t('common.loading')}</div>
          )}
        </aside>
      </div>
    </section>
  )
}

function CriterionView({ item }: { item: ItemDetail }) {
  const { t } = useTranslation()
  const format = useFormat()
  const language = useAppStore((s) => s.language)
  const stepItem = useBrowseStore((s) => s.stepItem)
  const [showOriginal, setShowOriginal] = useState(false)
  const translatable = hasTranslation(item.criterion, language)
  const text = criterionText(item.criterion, showOriginal ? item.criterion.language : language)
  const position = item.siblings.findIndex((sibling) => sibling.id === item.id)

  return (
    <div className="criterion" data-testid="criterion-view" data-item-id={item.id}>
      <nav className="criterion-nav" aria-label={t('criterion.navigation')}>
        <button type="button" onClick={() => void stepItem(-1)} disabled={position <= 0} title="K / ←" data-testid="criterion-prev">
          ‹ K
        </button>
        <span className="criterion-position" data-testid="criterion-position">
          {t('criterion.position', { index: position + 1, total: item.siblings.length })}
        </span>
        <button
          type="button"
          onClick={() => void stepItem(1)}
          disabled={position < 0 || position >= item.siblings.length - 1}
          title="J / →"
          data-testid="criterion-next"
        >
          J ›
        </button>
      </nav>
      <header className="criterion-header">
        <h2 data-testid="criterion-name">{text.name}</h2>
        <div className="criterion-tags">
          {text.group && <span className="tag">{text.group}</span>}
          <span className="tag tag-muted" title={t('criterion.externalId')}>
            {item.criterion.externalId}
          </span>
          <ControlBadge score={item.control?.score ?? null} />
          {translatable && (
            <button type="button" className="link-button" onClick={() => setShowOriginal((value) => !value)}>
              {showOriginal ? t('criterion.showTranslation') : t('criterion.showOriginal')}
            </button>
          )}
        </div>
      </header>
      {text.description && (
        <CriterionDescription text={text.description} testId="criterion-description" />
      )}

      <RoutingReason itemId={item.id} />
      <h3 className="section-title">{t('criterion.levels')}</h3>
      <RubricLevels levels={text.levels} annotations={item.annotations} judgments={item.judgments} goldScore={item.goldScore} />

      {item.goldScore !== null && (
        <p className="gold" data-testid="gold-score">
          {t('item.goldScore')}: <strong>{format.number(item.goldScore)}</strong>
        </p>
      )}

      <h3 className="section-title">
        {t('item.experts')} <span className="pane-count">{item.annotations.length}</span>
      </h3>
      <Annotations annotations={item.annotations} />

      <h3 className="section-title">
        {t('item.judges')} <span className="pane-count">{item.judgments.length}</span>
      </h3>
      <Judgments judgments={item.judgments} />
    </div>
  )
}
