import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { useCriteriaStore } from '../../stores/criteriaStore'
import { GuidelinesPanel } from './GuidelinesPanel'
import { LibraryPanel } from './LibraryPanel'
import { ProjectCriteriaPanel } from './ProjectCriteriaPanel'
import { SetsPanel } from './SetsPanel'

type Section = 'library' | 'criteria' | 'sets' | 'guidelines'
const sections: Section[] = ['library', 'criteria', 'sets', 'guidelines']

/** Leads and the owner set up what is scored: the POLLUX library, hand-written criteria, criteria sets, guidelines. */
export function CriteriaView() {
  const { t } = useTranslation()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const bind = useCriteriaStore((s) => s.bind)
  const [section, setSection] = useState<Section>('library')

  useEffect(() => {
    bind(projectPath)
  }, [bind, projectPath])

  return (
    <main className="team-screen" data-testid="view-criteria">
      <nav className="team-sections segmented" role="tablist" aria-label={t('setup.sections')}>
        {sections.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={section === id} className={section === id ? 'active' : ''} data-testid={`setup-tab-${id}`} onClick={() => setSection(id)}>
            {t(`setup.${id}`)}
          </button>
        ))}
      </nav>
      <div className="team-body">
        {section === 'library' && <LibraryPanel />}
        {section === 'criteria' && <ProjectCriteriaPanel />}
        {section === 'sets' && <SetsPanel />}
        {section === 'guidelines' && <GuidelinesPanel />}
      </div>
    </main>
  )
}
