import { useTranslation } from 'react-i18next'
import { SafeMarkdown } from '../../components/SafeMarkdown'

/** The instruction, its reference answer (collapsible, closed by default) and the model's answer, as safe markdown. */
export function AnswerPane({
  instruction,
  referenceAnswer,
  answer,
  model,
  externalId,
}: {
  instruction: string
  referenceAnswer: string | null
  answer: string
  model: string
  externalId: string
}) {
  const { t } = useTranslation()
  return (
    <article className="wb-answer-pane pane-scroll" data-testid="wb-answer-pane">
      <section className="wb-block">
        <header className="pane-header">
          <h2>{t('workbench.item.instruction')}</h2>
          <span className="tag tag-muted">{externalId}</span>
        </header>
        <div className="wb-instruction" data-testid="wb-instruction">
          <SafeMarkdown text={instruction} />
        </div>
        {referenceAnswer && (
          <details className="reference" data-testid="wb-reference">
            <summary>{t('workbench.item.reference')}</summary>
            <SafeMarkdown text={referenceAnswer} />
          </details>
        )}
      </section>
      <section className="wb-block">
        <header className="pane-header">
          <h2>{t('workbench.item.answer')}</h2>
          <span className="answer-model">{model}</span>
        </header>
        <div data-testid="wb-answer-text">
          <SafeMarkdown text={answer} />
        </div>
      </section>
    </article>
  )
}
