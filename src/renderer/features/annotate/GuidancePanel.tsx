import { useTranslation } from 'react-i18next'
import type { AnswerGuidance, Guidance } from '@shared/api/criteriaModels'
import { Modal } from '../../components/Modal'
import { SafeMarkdown } from '../../components/SafeMarkdown'

/** A guideline's text, rendered inert (no raw HTML, no remote images, no script links), with "updated" when it changed. */
export function GuidelineText({ title, guidance, testId }: { title: string; guidance: Guidance; testId: string }) {
  const { t } = useTranslation()
  return (
    <details className="wb-guideline" open={guidance.updated} data-testid={testId}>
      <summary>
        {title}
        {guidance.updated && (
          <span className="wb-guideline-updated" data-testid={`${testId}-updated`}>
            {t('setup.guidance.updated')}
          </span>
        )}
      </summary>
      <SafeMarkdown text={guidance.text} />
    </details>
  )
}

/** Above the criterion: the answer's task path (named in the UI's language), its task's guideline and the criterion's. */
export function GuidancePanel({ guidance, criterionId, language, onProjectGuideline }: {
  guidance: AnswerGuidance
  criterionId: number
  language: string
  onProjectGuideline: () => void
}) {
  const { t } = useTranslation()
  const path = guidance.taskLevels.map((level) => (language === 'en' ? (level.en ?? level.ru) : (level.ru ?? level.en)) ?? '').join(' › ')
  const criterion = guidance.criteria[String(criterionId)]
  return (
    <section className="wb-guidance" aria-label={t('setup.guidance.task')}>
      <div className="wb-task-path" data-testid="wb-task-path">
        <span className="muted">{t('setup.guidance.task')}:</span> {guidance.taskPath ? path : t('setup.guidance.noTask')}
        <button type="button" className="link-button" onClick={onProjectGuideline} data-testid="wb-open-project-guideline">
          {t('setup.guidance.openProject')}
        </button>
        {guidance.project?.updated && <span className="wb-guideline-updated">{t('setup.guidance.updated')}</span>}
      </div>
      {guidance.task && guidance.task.text.trim() && <GuidelineText title={t('setup.guidance.taskGuideline')} guidance={guidance.task} testId="wb-task-guideline" />}
      {criterion?.guideline && <GuidelineText title={t('setup.guidance.criterionGuideline')} guidance={criterion.guideline} testId="wb-criterion-guideline" />}
    </section>
  )
}

/** The project guideline, one key (`?`) away from the item screen. */
export function ProjectGuidelineDialog({ guidance, onClose }: { guidance: Guidance | null; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal title={t('setup.guidance.projectGuideline')} onClose={onClose} testId="wb-project-guideline">
      {guidance ? <SafeMarkdown text={guidance.text} /> : <p className="muted">{t('setup.guidance.noProjectGuideline')}</p>}
    </Modal>
  )
}
