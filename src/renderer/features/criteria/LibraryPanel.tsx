import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Bilingual, LibraryTask } from '@shared/api/criteriaModels'
import { useAppStore } from '../../stores/appStore'
import { useCriteriaStore } from '../../stores/criteriaStore'

/** A library text in the UI's language, else the other one. */
export function inLanguage(text: Bilingual, language: string): string {
  return (language === 'en' ? (text.en ?? text.ru) : (text.ru ?? text.en)) ?? ''
}

/** The criteria of the chosen tasks and every task under them (as the server computes them). */
function criteriaOfTasks(tasks: readonly LibraryTask[], chosen: ReadonlySet<string>): Set<string> {
  const ids = new Set<string>()
  for (const task of tasks) {
    for (const path of chosen) if (task.path === path || task.path.startsWith(`${path} / `)) task.criteria.forEach((id) => ids.add(id))
  }
  return ids
}

/** The POLLUX library: tick task types from the tree and/or single criteria found by search, then add them to the project. */
export function LibraryPanel() {
  const { t } = useTranslation()
  const language = useAppStore((s) => s.language)
  const library = useCriteriaStore((s) => s.library)
  const addFromLibrary = useCriteriaStore((s) => s.addFromLibrary)
  const lastAdded = useCriteriaStore((s) => s.lastAdded)
  const [tasks, setTasks] = useState<Set<string>>(new Set())
  const [criteria, setCriteria] = useState<Set<string>>(new Set())
  const [search, setSearch] = useState('')
  const [busy, setBusy] = useState(false)

  const fromTasks = useMemo(() => (library ? criteriaOfTasks(library.tasks, tasks) : new Set<string>()), [library, tasks])
  const found = useMemo(() => {
    if (!library) return []
    const needle = search.trim().toLowerCase()
    const all = library.criteria.filter(
      (c) => !needle || [c.externalId, c.name.ru ?? '', c.name.en ?? ''].some((text) => text.toLowerCase().includes(needle)),
    )
    return all
  }, [library, search])

  if (!library) return <p className="muted">{t('common.loading')}</p>
  const toggle = (setter: typeof setTasks, key: string) =>
    setter((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  const total = new Set([...fromTasks, ...criteria]).size

  return (
    <section className="team-panel setup-library" aria-label={t('setup.library')}>
      <div className="setup-columns">
        <div className="setup-column">
          <h3>{t('setup.taskTree')}</h3>
          <p className="muted">{t('setup.taskTreeHint')}</p>
          <ul className="setup-tree" data-testid="library-task-tree">
            {library.tasks.map((task) => (
              <li key={task.path} style={{ paddingLeft: `${(task.level - 1) * 18}px` }}>
                <label>
                  <input type="checkbox" checked={tasks.has(task.path)} onChange={() => toggle(setTasks, task.path)} data-path={task.path} />
                  {inLanguage(task.name, language)}
                  {task.criteria.length > 0 && <span className="muted"> · {task.criteria.length}</span>}
                </label>
              </li>
            ))}
          </ul>
        </div>
        <div className="setup-column">
          <h3>{t('setup.searchCriteria')}</h3>
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t('setup.searchCriteria')} aria-label={t('setup.searchCriteria')} />
          <p className="muted">{t('setup.criteriaFound', { count: found.length })}</p>
          <ul className="setup-tree" data-testid="library-criteria">
            {found.map((criterion) => (
              <li key={criterion.externalId}>
                <label title={criterion.externalId}>
                  <input
                    type="checkbox"
                    checked={criteria.has(criterion.externalId) || fromTasks.has(criterion.externalId)}
                    disabled={fromTasks.has(criterion.externalId)}
                    onChange={() => toggle(setCriteria, criterion.externalId)}
                    data-criterion={criterion.externalId}
                  />
                  {inLanguage(criterion.name, language)}
                  <span className="muted">
                    {' '}
                    · {criterion.externalId} · {inLanguage(criterion.group, language)} · {t('setup.levelsCount', { count: criterion.levels })}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="team-add">
        <button
          type="button"
          className="primary"
          data-testid="library-add"
          disabled={busy || total === 0}
          onClick={() => {
            setBusy(true)
            void addFromLibrary([...tasks], [...criteria]).then((ok) => {
              setBusy(false)
              if (ok) {
                setTasks(new Set())
                setCriteria(new Set())
              }
            })
          }}
        >
          {t('setup.addToProject', { tasks: tasks.size, criteria: total })}
        </button>
        {lastAdded !== null && (
          <span role="status" data-testid="library-added">
            {t('setup.added', { count: lastAdded })}
          </span>
        )}
      </div>
    </section>
  )
}
