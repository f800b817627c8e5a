import { useEffect } from 'react'
import { useHotkeys } from '../../hooks/useHotkeys'
import { focusPane } from '../../hooks/focusPane'
import { InstructionList } from '../instructions/InstructionList'
import { InstructionPane } from '../instruction/InstructionPane'
import { ItemPanel } from '../item/ItemPanel'

/** Browsing: instructions | instruction and its answers | the item, with everyone's scores. */
export function BrowseView() {
  useEffect(() => {
    focusPane('instructions')
  }, [])

  useHotkeys({
    '/': () => document.querySelector<HTMLInputElement>('[data-testid="instruction-search"]')?.focus(),
    '1': () => focusPane('instructions'),
    '2': () => focusPane('answers'),
    '3': () => focusPane('criteria'),
  })

  return (
    <main className="panes" data-testid="view-browse">
      <InstructionList />
      <InstructionPane />
      <ItemPanel />
    </main>
  )
}
