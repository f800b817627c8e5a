import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { teamSections, useTeamStore } from '../../stores/teamStore'
import { AdjudicationPanel } from './AdjudicationPanel'
import { AnnotatorsPanel } from './AnnotatorsPanel'
import { ControlsPanel } from './ControlsPanel'
import { ProgressPanel } from './ProgressPanel'
import { QualityPanel } from './QualityPanel'
import { ReviewPanel } from './ReviewPanel'
import { RoutingPanel } from './RoutingPanel'

/** Leads and the owner: annotators and their links, settings, live progress, review and adjudication. */
export function TeamView() {
  const { t } = useTranslation()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const bind = useTeamStore((s) => s.bind)
  const section = useTeamStore((s) => s.section)
  const setSection = useTeamStore((s) => s.setSection)

  useEffect(() => {
    bind(projectPath)
  }, [bind, projectPath])

  return (
    <main className="team-screen" data-testid="view-team">
      <nav className="team-sections segmented" role="tablist" aria-label={t('workbench.team.sections')}>
        {teamSections.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={section === id}
            className={section === id ? 'active' : ''}
            data-testid={`team-tab-${id}`}
            onClick={() => setSection(id)}
          >
            {id === 'quality' ? t('quality.tab') : id === 'routing' ? t('routing.tab') : id === 'controls' ? t('controls.section') : t(`workbench.team.${id}`)}
          </button>
        ))}
      </nav>
      <div className="team-body">
        {section === 'people' && <AnnotatorsPanel />}
        {section === 'progress' && <ProgressPanel />}
        {section === 'review' && <ReviewPanel />}
        {section === 'adjudication' && <AdjudicationPanel />}
        {section === 'quality' && <QualityPanel />}
        {section === 'routing' && <RoutingPanel />}
        {section === 'controls' && <ControlsPanel />}
      </div>
    </main>
  )
}
