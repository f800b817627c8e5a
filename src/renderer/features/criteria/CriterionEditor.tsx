import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditableCriterion } from '@shared/api/criteriaModels'
import { Modal } from '../../components/Modal'
import { useCriteriaStore } from '../../stores/criteriaStore'

interface LevelRow {
  score: string
  text: string
}

const blank: LevelRow[] = [
  { score: '0', text: '' },
  { score: '1', text: '' },
]

/**
 * Writes a criterion by hand or edits one: name, description, group, scale levels with texts, N/A allowed, and its
 * guideline. Once a criterion has scores its scores are fixed (the server refuses a new scale too); duplicating is offered.
 */
export function CriterionEditor({ criterion, onClose }: { criterion: EditableCriterion | null; onClose: () => void }) {
  const { t } = useTranslation()
  const save = useCriteriaStore((s) => s.saveCriterion)
  const duplicate = useCriteriaStore((s) => s.duplicate)
  const loadGuideline = useCriteriaStore((s) => s.guideline)
  const [name, setName] = useState(criterion?.name ?? '')
  const [description, setDescription] = useState(criterion?.description ?? '')
  const [group, setGroup] = useState(criterion?.group ?? '')
  const [levels, setLevels] = useState<LevelRow[]>(criterion ? criterion.levels.map((level) => ({ score: String(level.score), text: level.text })) : blank)
  const [notApplicable, setNotApplicable] = useState(criterion?.notApplicableAllowed ?? true)
  const [guideline, setGuideline] = useState('')
  const [busy, setBusy] = useState(false)
  const locked = (criterion?.scores ?? 0) > 0

  useEffect(() => {
    if (!criterion) return
    void loadGuideline({ scope: 'criterion', criterionId: criterion.id }).then((loaded) => setGuideline(loaded?.text ?? ''))
  }, [criterion, loadGuideline])

  const setLevel = (index: number, patch: Partial<LevelRow>) => setLevels((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  const valid = name.trim() !== '' && levels.length >= 2 && levels.every((row) => row.score.trim() !== '' && Number.isFinite(Number(row.score)) && row.text.trim() !== '')

  async function submit(): Promise<void> {
    setBusy(true)
    const saved = await save(
      criterion?.id,
      {
        name: name.trim(),
        description: description.trim() || null,
        group: group.trim() || null,
        levels: levels.map((row) => ({ score: Number(row.score), text: row.text })),
        notApplicableAllowed: notApplicable,
      },
      guideline.trim() ? guideline : null,
    )
    setBusy(false)
    if (saved) onClose()
  }

  return (
    <Modal
      title={criterion ? criterion.name : t('setup.newCriterion')}
      onClose={onClose}
      testId="criterion-editor"
      footer={
        <>
          {criterion && (
            <button type="button" data-testid="criterion-duplicate" onClick={() => void duplicate(criterion.id).then((copy) => copy && onClose())}>
              {t('setup.duplicate')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('setup.cancel')}
          </button>
          <button type="button" className="primary" data-testid="criterion-save" disabled={!valid || busy} onClick={() => void submit()}>
            {t('setup.save')}
          </button>
        </>
      }
    >
      <div className="setup-form">
        <label>
          {t('setup.name')}
          <input value={name} onChange={(event) => setName(event.target.value)} data-testid="criterion-name" />
        </label>
        <label>
          {t('setup.description')}
          <textarea rows={3} value={description} onChange={(event) => setDescription(event.target.value)} data-testid="criterion-description" />
        </label>
        <label>
          {t('setup.group')}
          <input value={group} onChange={(event) => setGroup(event.target.value)} />
        </label>
        <fieldset>
          <legend>{t('setup.levels')}</legend>
          {locked && (
            <p className="setup-locked" role="note" data-testid="criterion-locked">
              {t('setup.levelsLocked', { count: criterion?.scores ?? 0 })}
            </p>
          )}
          {levels.map((row, index) => (
            <div key={index} className="setup-level">
              <input
                className="setup-level-score"
                type="number"
                step="any"
                aria-label={t('setup.level')}
                value={row.score}
                disabled={locked}
                onChange={(event) => setLevel(index, { score: event.target.value })}
                data-testid={`level-score-${index}`}
              />
              <input aria-label={t('setup.levelText')} value={row.text} onChange={(event) => setLevel(index, { text: event.target.value })} data-testid={`level-text-${index}`} />
              <button type="button" disabled={locked || levels.length <= 2} aria-label={t('setup.removeLevel')} onClick={() => setLevels((rows) => rows.filter((_, i) => i !== index))}>
                −
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={locked}
            data-testid="level-add"
            onClick={() => setLevels((rows) => [...rows, { score: String(rows.length ? Math.max(...rows.map((row) => Number(row.score) || 0)) + 1 : 0), text: '' }])}
          >
            {t('setup.addLevel')}
          </button>
        </fieldset>
        <label className="setup-check">
          <input type="checkbox" checked={notApplicable} onChange={(event) => setNotApplicable(event.target.checked)} data-testid="criterion-na" />
          {t('setup.notApplicableAllowed')}
        </label>
        <label>
          {t('setup.criterionGuideline')}
          <textarea rows={4} value={guideline} onChange={(event) => setGuideline(event.target.value)} data-testid="criterion-guideline" />
        </label>
      </div>
    </Modal>
  )
}
