import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Guideline, GuidelineTarget } from '@shared/api/criteriaModels'
import { SafeMarkdown } from '../../components/SafeMarkdown'
import { useAppStore } from '../../stores/appStore'
import { useCriteriaStore } from '../../stores/criteriaStore'
import { inLanguage } from './LibraryPanel'

/** The project guideline and a task's guideline (POLLUX's task description until a lead writes one), with a safe preview. */
export function GuidelinesPanel() {
  const { t } = useTranslation()
  const language = useAppStore((s) => s.language)
  const library = useCriteriaStore((s) => s.library)
  const [taskPath, setTaskPath] = useState('')
  return (
    <section className="team-panel" aria-label={t('setup.guidelines')}>
      <GuidelineEditor title={t('setup.projectGuideline')} target={{ scope: 'project' }} testId="guideline-project" />
      <label>
        {t('setup.taskGuideline')}{' '}
        <select value={taskPath} onChange={(event) => setTaskPath(event.target.value)} data-testid="guideline-task-path">
          <option value="">{t('setup.chooseTask')}</option>
          {library?.tasks.map((task) => (
            <option key={task.path} value={task.path}>
              {'  '.repeat(task.level - 1)}
              {inLanguage(task.name, language)}
            </option>
          ))}
        </select>
      </label>
      {taskPath && <GuidelineEditor key={taskPath} title={taskPath} target={{ scope: 'task', taskPath }} testId="guideline-task" />}
    </section>
  )
}

function GuidelineEditor({ title, target, testId }: { title: string; target: GuidelineTarget; testId: string }) {
  const { t } = useTranslation()
  const load = useCriteriaStore((s) => s.guideline)
  const save = useCriteriaStore((s) => s.saveGuideline)
  const [guideline, setGuideline] = useState<Guideline | null>(null)
  const [text, setText] = useState('')
  const [saved, setSaved] = useState(false)
  const targetKey = JSON.stringify(target)
  useEffect(() => {
    void load(JSON.parse(targetKey) as GuidelineTarget).then((loaded) => {
      setGuideline(loaded)
      setText(loaded?.text ?? '')
    })
  }, [targetKey, load])

  return (
    <article className="setup-card" data-testid={testId}>
      <h3>
        {title} {guideline && guideline.version > 0 && <span className="muted">({t('setup.version', { version: guideline.version })})</span>}
      </h3>
      {guideline?.source === 'pollux' && <p className="muted">{t('setup.defaultFromPollux')}</p>}
      <div className="setup-columns">
        <textarea rows={8} value={text} aria-label={title} onChange={(event) => (setText(event.target.value), setSaved(false))} data-testid={`${testId}-text`} />
        <div className="setup-preview" aria-label={t('setup.preview')}>
          <SafeMarkdown text={text} />
        </div>
      </div>
      <div className="team-add">
        <button
          type="button"
          className="primary"
          data-testid={`${testId}-save`}
          onClick={() =>
            void save(target, text).then((next) => {
              if (!next) return
              setGuideline(next)
              setSaved(true)
            })
          }
        >
          {t('setup.save')}
        </button>
        {saved && <span role="status">{t('setup.saved')}</span>}
      </div>
    </article>
  )
}
