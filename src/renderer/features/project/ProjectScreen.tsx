import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProjectInfo } from '@shared/api/models'
import { useBrowseStore } from '../../stores/browseStore'
import { useImportStore } from '../../stores/importStore'
import { isLead, useMeStore } from '../../stores/meStore'
import { useViewStore } from '../../stores/viewStore'
import { ImportDialog } from '../import/ImportDialog'
import { TopBar } from './TopBar'
import { ViewTabs } from './ViewTabs'
import { visibleView } from './views'

/** The open project: top bar, the screen tabs the caller's role may open, then the chosen screen. */
export function ProjectScreen({ project }: { project: ProjectInfo }) {
  const { t } = useTranslation()
  const bind = useBrowseStore((s) => s.bind)
  const importOpen = useImportStore((s) => s.open)
  const view = useViewStore((s) => s.view)
  const me = useMeStore((s) => s.me)
  const bindMe = useMeStore((s) => s.bind)

  useEffect(() => {
    void bindMe(project.path)
  }, [bindMe, project.path])

  // Browsing reads everyone's scores: only leads and the owner load it (an annotator's session never asks).
  const lead = isLead(me?.role)
  useEffect(() => {
    if (lead) bind(project.path)
  }, [bind, project.path, lead])

  if (!me) return <div className="splash">{t('common.loading')}</div>
  const Current = visibleView(me.role, view).component
  return (
    <div className="project-screen">
      <TopBar project={project} />
      <ViewTabs role={me.role} />
      <Current />
      {importOpen && <ImportDialog />}
    </div>
  )
}
