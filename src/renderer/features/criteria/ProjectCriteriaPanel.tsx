import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditableCriterion } from '@shared/api/criteriaModels'
import { useAppStore } from '../../stores/appStore'
import { useCriteriaStore } from '../../stores/criteriaStore'
import { criterionText } from '../item/criterionText'
import { CriterionEditor } from './CriterionEditor'

/** The project's criteria: edit or write one by hand, tick some and save them as a named set. */
export function ProjectCriteriaPanel() {
  const { t } = useTranslation()
  const language = useAppStore((s) => s.language)
  const criteria = useCriteriaStore((s) => s.criteria)
  const saveSet = useCriteriaStore((s) => s.saveSet)
  const [editing, setEditing] = useState<EditableCriterion | 'new' | null>(null)
  const [chosen, setChosen] = useState<number[]>([])
  const [setName, setSetName] = useState('')

  const toggle = (id: number) => setChosen((ids) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]))

  return (
    <section className="team-panel" aria-label={t('setup.criteria')}>
      <div className="team-add">
        <button type="button" data-testid="criterion-new" onClick={() => setEditing('new')}>
          {t('setup.newCriterion')}
        </button>
        <button type="button" data-testid="criteria-select-all" onClick={() => setChosen(chosen.length === criteria.length ? [] : criteria.map((c) => c.id))}>
          ☑ {t('setup.selectedCriteria', { count: chosen.length })}
        </button>
        <input placeholder={t('setup.setName')} aria-label={t('setup.setName')} value={setName} onChange={(event) => setSetName(event.target.value)} data-testid="set-name" />
        <button
          type="button"
          className="primary"
          data-testid="set-save"
          disabled={!setName.trim() || chosen.length === 0}
          onClick={() => void saveSet(undefined, setName.trim(), chosen).then((saved) => saved && (setChosen([]), setSetName('')))}
        >
          {t('setup.saveSet')}
        </button>
      </div>
      {criteria.length === 0 ? (
        <p className="muted">{t('setup.noCriteria')}</p>
      ) : (
        <table className="team-table" data-testid="criteria-table">
          <thead>
            <tr>
              <th />
              <th>{t('setup.name')}</th>
              <th>{t('criterion.externalId')}</th>
              <th>{t('setup.group')}</th>
              <th>{t('setup.levels')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {criteria.map((criterion) => {
              const text = criterionText(criterion, language)
              return (
                <tr key={criterion.id} data-criterion-id={criterion.externalId}>
                  <td>
                    <input type="checkbox" aria-label={text.name} checked={chosen.includes(criterion.id)} onChange={() => toggle(criterion.id)} />
                  </td>
                  <td>{text.name}</td>
                  <td className="muted">{criterion.externalId}</td>
                  <td>{text.group}</td>
                  <td>
                    {criterion.levels.map((level) => level.score).join(', ')}
                    {criterion.scores > 0 && <span className="muted"> · {t('setup.scores', { count: criterion.scores })}</span>}
                  </td>
                  <td>
                    <button type="button" onClick={() => setEditing(criterion)}>
                      {t('setup.edit')}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {editing && <CriterionEditor criterion={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  )
}
