import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { ItemRow, ResponseRow } from '@shared/api/models'
import { useBrowseStore } from '../../stores/browseStore'
import { KeyList } from '../../components/KeyList'
import { SafeMarkdown } from '../../components/SafeMarkdown'
import { focusPane } from '../../hooks/focusPane'
import { useFormat } from '../../hooks/useFormat'
import { useAppStore } from '../../stores/appStore'
import { ControlBadge } from '../item/ControlBadge'
import { criterionText } from '../item/criterionText'
import { useTaskLabels } from '../instructions/useTaskLabels'

const responseKey = (row: ResponseRow) => row.id
const itemKey = (row: ItemRow) => row.id

/** Pane 2: the open instruction, its reference answer, its answers, and the criteria of the open answer. */
export function InstructionPane() {
  const { t } = useTranslation()
  const format = useFormat()
  const taskLabels = useTaskLabels()
  const instructionId = useBrowseStore((s) => s.instructionId)
  const opened = useBrowseStore((s) => s.instruction)
  const responseId = useBrowseStore((s) => s.responseId)
  const response = useBrowseStore((s) => s.response)
  const itemId = useBrowseStore((s) => s.itemId)
  const criteria = useBrowseStore((s) => s.criteria)
  const language = useAppStore((s) => s.language)
  const { openResponse, openItem } = useBrowseStore.getState()

  const renderResponse = useCallback(
    (row: ResponseRow) => (
      <>
        <span className="answer-model">{row.model}</span>
        <span className="row-stats">
          <Stat label={t('counts.items')} short={t('short.items')} value={row.items} />
          <Stat label={t('counts.annotations')} short={t('short.annotations')} value={row.annotations} />
          <Stat label={t('counts.judgments')} short={t('short.judgments')} value={row.judgments} />
          <FailedJudgments count={row.judgmentErrors} />
        </span>
      </>
    ),
    [t],
  )

  const renderItem = useCallback(
    (row: ItemRow) => {
      const criterion = criteria[row.criterionId]
      const text = criterion ? criterionText(criterion, language) : { name: row.criterionName, group: row.criterionGroup }
      return (
      <>
        <span className="criterion-name" title={text.name}>
          {text.name}
        </span>
        <span className="criterion-meta">
          {text.group && <span className="tag">{text.group}</span>}
          <ControlBadge score={row.controlScore} />
          <span className="row-stats">
            <Stat label={t('counts.annotations')} short={t('short.annotations')} value={row.annotations} />
            <Stat label={t('counts.judgments')} short={t('short.judgments')} value={row.judgments} />
            <FailedJudgments count={row.judgmentErrors} />
            <span className="stat mean" title={t('criteria.meanScore')}>
              <span className="stat-label">{t('short.mean')}</span> {row.meanScore === null ? '—' : format.number(row.meanScore)}
            </span>
          </span>
        </span>
      </>
      )
    },
    [t, format, criteria, language],
  )

  if (instructionId === null) {
    return (
      <section className="pane pane-instruction" aria-label={t('instruction.title')}>
        <div className="pane-placeholder">{t('instruction.choose')}</div>
      </section>
    )
  }
  if (!opened) {
    return (
      <section className="pane pane-instruction" aria-label={t('instruction.title')}>
        <div className="pane-placeholder">{t('common.loading')}</div>
      </section>
    )
  }
  const { instruction, responses } = opened
  return (
    <section className="pane pane-instruction" aria-label={t('instruction.title')} data-testid="instruction-pane">
      <div className="pane-scroll">
        <header className="pane-header">
          <h2>{t('instruction.title')}</h2>
          <span className="row-id" data-testid="instruction-external-id">
            {instruction.externalId}
          </span>
        </header>
        <div className="instruction-meta">
          {instruction.taskPath && (
            <span className="tag" data-testid="instruction-task">
              {taskLabels.taskPath(instruction.taskPath)}
            </span>
          )}
          {instruction.domain && <span className="tag">{instruction.domain}</span>}
          {instruction.difficulty && (
            <span className="tag" title={t('task.difficulty.label')} data-testid="instruction-difficulty">
              {taskLabels.difficulty(instruction.difficulty)}
            </span>
          )}
        </div>
        <div className="instruction-text" data-testid="instruction-text">
          {instruction.text}
        </div>
        {instruction.referenceAnswer && (
          <details className="reference" data-testid="reference-answer">
            <summary>{t('instruction.reference')}</summary>
            <SafeMarkdown text={instruction.referenceAnswer} />
          </details>
        )}

        <h3 className="section-title">
          {t('instruction.answers')} <span className="pane-count">{responses.length}</span>
        </h3>
        <KeyList
          items={responses}
          keyOf={responseKey}
          openKey={responseId}
          onOpen={(row) => {
            void openResponse(row.id)
            focusPane('criteria')
          }}
          onBack={() => focusPane('instructions')}
          renderRow={renderResponse}
          label={t('instruction.answers')}
          pane="answers"
          testId="answer-list"
          rowTestId="answer-row"
          empty={t('instruction.noAnswers')}
        />

        {responseId !== null && (
          <>
            <h3 className="section-title">
              {t('criteria.title')} {response && <span className="pane-count">{response.items.length}</span>}
            </h3>
            {response ? (
              <KeyList
                items={response.items}
                keyOf={itemKey}
                openKey={itemId}
                onOpen={(row) => void openItem(row.id)}
                onBack={() => focusPane('answers')}
                renderRow={renderItem}
                label={t('criteria.title')}
                pane="criteria"
                testId="criterion-list"
                rowTestId="criterion-row"
                empty={t('criteria.none')}
              />
            ) : (
              <div className="pane-placeholder">{t('common.loading')}</div>
            )}
          </>
        )}
      </div>
    </section>
  )
}

function Stat({ label, short, value }: { label: string; short: string; value: number }) {
  return (
    <span className="stat" title={`${label}: ${value}`}>
      {value} <span className="stat-label">{short}</span>
    </span>
  )
}

/** Failed judgments beside the judge scores: an error badge, shown only when there are any. */
function FailedJudgments({ count }: { count: number }) {
  const { t } = useTranslation()
  if (count === 0) return null
  return (
    <span className="stat tag tag-error" title={t('counts.judgmentErrors', { count })} data-testid="judgment-errors">
      {t('short.judgmentErrors', { count })}
    </span>
  )
}
