import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '@shared/api/models'
import type { Annotator, AnnotatorFilters, AnnotatorRole } from '@shared/api/workbenchModels'
import { useMeStore } from '../../stores/meStore'
import { useTeamStore } from '../../stores/teamStore'

/** Annotators and leads: add, copy a sign-in link, re-issue, revoke, remove; then the project's annotation settings. */
export function AnnotatorsPanel() {
  const { t } = useTranslation()
  const annotators = useTeamStore((s) => s.annotators)
  const owner = useMeStore((s) => s.me?.role === 'owner')
  return (
    <section className="team-panel" aria-label={t('workbench.team.people')}>
      {owner && <AddAnnotatorForm />}
      {annotators.length === 0 ? (
        <p className="muted">{t('workbench.team.noAnnotators')}</p>
      ) : (
        <table className="team-table" data-testid="annotator-table">
          <thead>
            <tr>
              <th>{t('workbench.team.name')}</th>
              <th>{t('workbench.team.role')}</th>
              <th>{t('workbench.team.language')}</th>
              <th>{t('workbench.team.doneAssigned')}</th>
              <th>{t('workbench.team.limits')}</th>
              <th>{t('workbench.team.link')}</th>
              {owner && <th />}
            </tr>
          </thead>
          <tbody>
            {annotators.map((annotator) => (
              <AnnotatorRow key={annotator.id} annotator={annotator} owner={owner} />
            ))}
          </tbody>
        </table>
      )}
      <SettingsForm />
    </section>
  )
}

function AddAnnotatorForm() {
  const { t } = useTranslation()
  const add = useTeamStore((s) => s.add)
  const [name, setName] = useState('')
  const [role, setRole] = useState<AnnotatorRole>('annotator')
  const [language, setLanguage] = useState<Language | ''>('')
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="team-add"
      data-testid="annotator-add"
      onSubmit={(event) => {
        event.preventDefault()
        if (!name.trim()) return
        setBusy(true)
        void add({ name: name.trim(), role, language: language || null }).then((ok) => {
          setBusy(false)
          if (ok) setName('')
        })
      }}
    >
      <input type="text" value={name} placeholder={t('workbench.team.name')} aria-label={t('workbench.team.name')} data-testid="annotator-name" onChange={(e) => setName(e.target.value)} />
      <select value={role} aria-label={t('workbench.team.role')} data-testid="annotator-role" onChange={(e) => setRole(e.target.value as AnnotatorRole)}>
        <option value="annotator">{t('workbench.team.roles.annotator')}</option>
        <option value="lead">{t('workbench.team.roles.lead')}</option>
      </select>
      <select value={language} aria-label={t('workbench.team.language')} data-testid="annotator-language" onChange={(e) => setLanguage(e.target.value as Language | '')}>
        <option value="">{t('workbench.team.languageAny')}</option>
        <option value="ru">Русский</option>
        <option value="en">English</option>
      </select>
      <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="annotator-add-submit">
        {t('workbench.team.add')}
      </button>
    </form>
  )
}

function AnnotatorRow({ annotator, owner }: { annotator: Annotator; owner: boolean }) {
  const { t } = useTranslation()
  const link = useTeamStore((s) => s.links[annotator.id])
  const { reissue, revoke, remove } = useTeamStore.getState()
  const [copied, setCopied] = useState(false)
  return (
    <tr data-testid="annotator-row" data-name={annotator.name} data-id={annotator.id}>
      <td className="team-name">{annotator.name}</td>
      <td>{t(`workbench.team.roles.${annotator.role}`)}</td>
      <td>{annotator.language ?? '—'}</td>
      <td>
        {annotator.done} / {annotator.assigned}
      </td>
      <td>
        <LimitsEditor annotator={annotator} editable={owner} />
      </td>
      <td>
        <div className="team-link">
          {link ? (
            <>
              <input type="text" readOnly value={link} aria-label={t('workbench.team.link')} data-testid="annotator-link" onFocus={(e) => e.target.select()} />
              <button
                type="button"
                data-testid="annotator-copy"
                onClick={() => {
                  void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => undefined)
                }}
              >
                {copied ? t('workbench.team.copied') : t('workbench.team.copy')}
              </button>
            </>
          ) : annotator.hasLink ? (
            <span className="muted">{t('workbench.team.linkHidden', { date: annotator.linkIssuedAt?.slice(0, 16).replace('T', ' ') ?? '' })}</span>
          ) : (
            <span className="muted" data-testid="annotator-no-link">
              {t('workbench.team.noLink')}
            </span>
          )}
        </div>
      </td>
      {owner && (
        <td className="team-actions">
          <button type="button" data-testid="annotator-reissue" onClick={() => void reissue(annotator.id)}>
            {t('workbench.team.reissue')}
          </button>
          <button type="button" data-testid="annotator-revoke" disabled={!annotator.hasLink} onClick={() => void revoke(annotator.id)}>
            {t('workbench.team.revoke')}
          </button>
          <button
            type="button"
            className="danger"
            data-testid="annotator-remove"
            onClick={() => {
              if (window.confirm(t('workbench.team.confirmRemove', { name: annotator.name }))) void remove(annotator.id)
            }}
          >
            {t('workbench.team.remove')}
          </button>
        </td>
      )}
    </tr>
  )
}

function SettingsForm() {
  const { t } = useTranslation()
  const settings = useTeamStore((s) => s.settings)
  const update = useTeamStore((s) => s.updateSettings)
  if (!settings) return null
  return (
    <fieldset className="team-settings" data-testid="team-settings">
      <legend>{t('workbench.team.settings')}</legend>
      <label>
        {t('workbench.team.overlap')} <OverlapInput value={settings.overlap} onCommit={(overlap) => void update({ overlap })} />
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.rationaleRequired}
          data-testid="settings-rationale"
          onChange={(e) => void update({ rationaleRequired: e.target.checked })}
        />{' '}
        {t('workbench.team.rationaleRequired')}
      </label>
      <label>
        {t('workbench.team.agreementSource')}{' '}
        <select
          value={settings.agreementSource}
          data-testid="settings-agreement"
          onChange={(e) => void update({ agreementSource: e.target.value as 'first' | 'latest' })}
        >
          <option value="first">{t('workbench.team.agreementFirst')}</option>
          <option value="latest">{t('workbench.team.agreementLatest')}</option>
        </select>
      </label>
    </fieldset>
  )
}

/** k is saved when the field is left or Enter is pressed, not on every keystroke (typing 10 never saves 1). */
function OverlapInput({ value, onCommit }: { value: number; onCommit(value: number): void }) {
  const [text, setText] = useState(String(value))
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    setText(String(value))
  }
  const commit = () => {
    const overlap = Number(text)
    if (Number.isInteger(overlap) && overlap >= 1 && overlap <= 50 && overlap !== value) onCommit(overlap)
    else setText(String(value))
  }
  return (
    <input
      type="number"
      min={1}
      max={50}
      value={text}
      data-testid="settings-overlap"
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  )
}

const list = (values: string[] | undefined) => (values ?? []).join(', ')
const parseList = (text: string) =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '')

/** Quota and assignment filters (task path prefixes, criterion groups, criterion languages), folded in a cell. */
function LimitsEditor({ annotator, editable }: { annotator: Annotator; editable: boolean }) {
  const { t } = useTranslation()
  const setLimits = useTeamStore((s) => s.setLimits)
  const [quota, setQuota] = useState(annotator.quota === null ? '' : String(annotator.quota))
  const [tasks, setTasks] = useState(list(annotator.filters.tasks))
  const [groups, setGroups] = useState(list(annotator.filters.criterionGroups))
  const [languages, setLanguages] = useState(list(annotator.filters.languages))
  const { filters } = annotator
  const parts = [
    annotator.quota === null ? null : `${t('workbench.team.quota')}: ${annotator.quota}`,
    ...(filters.tasks ?? []),
    ...(filters.criterionGroups ?? []),
    ...(filters.languages ?? []),
  ].filter((part): part is string => part !== null)
  const summary = parts.length > 0 ? parts.join('; ') : t('workbench.team.noLimits')
  if (!editable) return <span className="muted">{summary}</span>
  return (
    <details className="team-limits" data-testid="annotator-limits">
      <summary>{summary}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          const value = quota.trim() === '' ? null : Math.max(0, Math.floor(Number(quota)))
          const next: AnnotatorFilters = {}
          if (parseList(tasks).length) next.tasks = parseList(tasks)
          if (parseList(groups).length) next.criterionGroups = parseList(groups)
          if (parseList(languages).length) next.languages = parseList(languages)
          void setLimits(annotator.id, value === null || Number.isFinite(value) ? value : null, next)
        }}
      >
        <label>
          {t('workbench.team.quota')}
          <input type="number" min={0} value={quota} placeholder={t('workbench.team.noQuota')} data-testid="annotator-quota" onChange={(e) => setQuota(e.target.value)} />
        </label>
        <label>
          {t('workbench.team.tasks')}
          <input type="text" value={tasks} onChange={(e) => setTasks(e.target.value)} />
        </label>
        <label>
          {t('workbench.team.criterionGroups')}
          <input type="text" value={groups} onChange={(e) => setGroups(e.target.value)} />
        </label>
        <label>
          {t('workbench.team.languages')}
          <input type="text" value={languages} placeholder="ru, en" onChange={(e) => setLanguages(e.target.value)} />
        </label>
        <button type="submit" data-testid="annotator-limits-save">
          {t('workbench.team.save')}
        </button>
      </form>
    </details>
  )
}
