import { useLayoutEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ClampedText } from '../../components/ClampedText'
import { describeSections, hasMarkedSections } from './criterionSections'

/**
 * A criterion's description, clamped to a few lines with more/less. POLLUX descriptions written for several
 * audiences ("У КРАУДА: … У ВСЕХ ОСТАЛЬНЫХ: …") and their notes ("ВНИМАНИЕ:") are shown as headed sections.
 */
export function CriterionDescription({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation()
  const sections = useMemo(() => describeSections(text), [text])
  const [expanded, setExpanded] = useState(false)
  useLayoutEffect(() => setExpanded(false), [text])
  if (!hasMarkedSections(sections)) {
    return <ClampedText text={text} className="criterion-description" moreLabel={t('criterion.more')} lessLabel={t('criterion.less')} testId={testId} />
  }
  return (
    <div className="criterion-description">
      <div className={`criterion-sections ${expanded ? '' : 'collapsed'}`} data-testid={testId}>
        {sections.map((section, index) => (
          <section key={index} className="criterion-section" data-audience={section.audience ?? 'all'}>
            {section.audience && <h4>{t(`setup.audience.${section.audience}`)}</h4>}
            {section.blocks.map((block, blockIndex) =>
              block.kind === 'text' ? (
                <p key={blockIndex}>{block.text}</p>
              ) : (
                <p key={blockIndex} className={`criterion-note criterion-${block.kind}`}>
                  <strong>{t(`setup.audience.${block.kind}`)}:</strong> {block.text}
                </p>
              ),
            )}
          </section>
        ))}
      </div>
      <button type="button" className="link-button" onClick={() => setExpanded((value) => !value)}>
        {expanded ? t('criterion.less') : t('criterion.more')}
      </button>
    </div>
  )
}
