import { useEffect } from 'react'
import type { ProjectInfo } from '@shared/api/models'
import { useBrowseStore } from '../../stores/browseStore'
import { useImportStore } from '../../stores/importStore'
import { useViewStore } from '../../stores/viewStore'
import { ImportDialog } from '../import/ImportDialog'
import { TopBar } from './TopBar'
import { ViewTabs } from './ViewTabs'
import { views } from './views'

/** The open project: top bar, the screen tabs, then the chosen screen. */
export function ProjectScreen({ project }: { project: ProjectInfo }) {
  const bind = useBrowseStore((s) => s.bind)
  const importOpen = useImportStore((s) => s.open)
  const view = useViewStore((s) => s.view)

  useEffect(() => {
    bind(project.path)
  }, [bind, project.path])

  const Current = (views.find((v) => v.id === view) ?? views[0]).component
  return (
    <div className="project-screen">
      <TopBar project={project} />
      <ViewTabs />
      <Current />
      {importOpen && <ImportDialog />}
    </div>
  )
}
