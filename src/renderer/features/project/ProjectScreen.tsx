import { useEffect } from 'react'
import type { ProjectInfo } from '@shared/api/models'
import { useBrowseStore } from '../../stores/browseStore'
import { useImportStore } from '../../stores/importStore'
import { useHotkeys } from '../../hooks/useHotkeys'
import { focusPane } from '../../hooks/focusPane'
import { InstructionList } from '../instructions/InstructionList'
import { InstructionPane } from '../instruction/InstructionPane'
import { ItemPanel } from '../item/ItemPanel'
import { ImportDialog } from '../import/ImportDialog'
import { TopBar } from './TopBar'

/** The open project: top bar, then instructions | instruction and its answers | the item. */
export function ProjectScreen({ project }: { project: ProjectInfo }) {
  const bind = useBrowseStore((s) => s.bind)
  const importOpen = useImportStore((s) => s.open)

  useEffect(() => {
    bind(project.path)
  }, [bind, project.path])

  useEffect(() => {
    focusPane('instructions')
  }, [project.path])

  useHotkeys({
    '/': () => document.querySelector<HTMLInputElement>('[data-testid="instruction-search"]')?.focus(),
    '1': () => focusPane('instructions'),
    '2': () => focusPane('answers'),
    '3': () => focusPane('criteria'),
  })

  return (
    <div className="project-screen">
      <TopBar project={project} />
      <main className="panes">
        <InstructionList />
        <InstructionPane />
        <ItemPanel />
      </main>
      {importOpen && <ImportDialog />}
    </div>
  )
}
