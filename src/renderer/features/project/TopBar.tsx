import { useTranslation } from 'react-i18next'
import type { ProjectCounts, ProjectInfo } from '@shared/api/models'
import { api } from '../../api'
import { useAppStore } from '../../stores/appStore'
import { useImportStore } from '../../stores/importStore'
import { useMeStore } from '../../stores/meStore'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { useFormat } from '../../hooks/useFormat'
import { ExportMenu } from './ExportMenu'

const shownCounts: (keyof ProjectCounts)[] = ['instructions', 'responses', 'criteria', 'items', 'annotations', 'judgments']

/** Project name and counts, then the actions: import, export, language, close. */
export function TopBar({ project }: { project: ProjectInfo }) {
  const { t } = useTranslation()
  const format = useFormat()
  const language = useAppStore((s) => s.language)
  const setLanguage = useAppStore((s) => s.setLanguage)
  const closeProject = useAppStore((s) => s.closeProject)
  const canSwitch = useAppStore((s) => s.appState?.canSwitchProjects ?? false)
  const showImport = useImportStore((s) => s.show)
  const owner = useMeStore((s) => s.me?.role === 'owner')

  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true">
        Castor
      </div>
      <div className="project-title">
        <h1 data-testid="project-name" title={project.path}>
          {project.name}
        </h1>
        {project.readOnly && <span className="tag tag-muted">{t('project.readOnly')}</span>}
      </div>
      <dl className="counts" data-testid="project-counts">
        {shownCounts.map((key) => (
          <div key={key} className="count" data-testid={`count-${key}`} data-value={project.counts[key]}>
            <dt>{t(`counts.${key}`)}</dt>
            <dd>{format.count(project.counts[key])}</dd>
          </div>
        ))}
        {project.counts.judgmentErrors > 0 && (
          <div className="count count-error" data-testid="count-judgmentErrors" data-value={project.counts.judgmentErrors}>
            <dt>{t('counts.judgmentErrors', { count: project.counts.judgmentErrors })}</dt>
            <dd className="error-text">{format.count(project.counts.judgmentErrors)}</dd>
          </div>
        )}
      </dl>
      <div className="actions">
        {owner && (
          <button type="button" onClick={showImport} disabled={project.readOnly} data-testid="import-button">
            {t('import.button')}
          </button>
        )}
        {owner && <ExportMenu projectName={project.name} />}
        <LanguageSwitch value={language} onChange={setLanguage} />
        {canSwitch && api.platform === 'desktop' && (
          <button type="button" onClick={() => void closeProject()} data-testid="close-project">
            {t('project.close')}
          </button>
        )}
      </div>
    </header>
  )
}
