import { useEffect, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { ProgressBar } from '../../components/ProgressBar'
import { useFormat } from '../../hooks/useFormat'
import { runName, suggestedRunName, useJudgeStore, type JudgeForm } from '../../stores/judgeStore'
import { JudgeCatalogPanel } from './JudgeCatalogPanel'

/** The new-run form: a server (URL, model, key) or a local GGUF file, which items, and the run's name. */
export function NewRunForm() {
  const { t } = useTranslation()
  const form = useJudgeStore((state) => state.form)
  const starting = useJudgeStore((state) => state.starting)
  const setForm = useJudgeStore((state) => state.setForm)
  const start = useJudgeStore((state) => state.start)
  const models = useJudgeStore((state) => state.models)
  const loadModels = useJudgeStore((state) => state.loadModels)
  const pickModelFile = useJudgeStore((state) => state.pickModelFile)
  const criteria = useJudgeStore((state) => state.criteria)
  const loadCriteria = useJudgeStore((state) => state.loadCriteria)
  const runs = useJudgeStore((state) => state.runs)
  const load = useJudgeStore((state) => state.load)
  const format = useFormat()
  const taken = runs.map((run) => run.name)
  const name = runName(form, taken)
  useEffect(() => {
    if (form.kind === 'local' && models === null) void loadModels()
  }, [form.kind, models, loadModels])
  useEffect(() => {
    if (criteria === null) void loadCriteria()
  }, [criteria, loadCriteria])
  const ready = name !== '' && (form.kind === 'remote' ? form.baseUrl.trim() !== '' && form.apiModel.trim() !== '' : form.modelPath.trim() !== '')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (ready && !starting) void start()
  }
  const text = (key: keyof JudgeForm, testId: string, extra: { type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <input
      id={`judge-${key}`}
      type={extra.type ?? 'text'}
      value={String(form[key])}
      placeholder={extra.placeholder}
      autoComplete={extra.autoComplete ?? 'off'}
      spellCheck={false}
      data-testid={testId}
      onChange={(event) => setForm({ [key]: event.target.value } as Partial<JudgeForm>)}
    />
  )

  return (
    <form className="judge-panel judge-form" onSubmit={submit} aria-label={t('judge.newRun')} data-testid="judge-form">
      <h2>{t('judge.newRun')}</h2>
      <div className="form-grid">
        <span className="form-label">{t('judge.backend')}</span>
        <div className="judge-choice" role="radiogroup" aria-label={t('judge.backend')}>
          {(['remote', 'local'] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="judge-kind" checked={form.kind === kind} onChange={() => setForm({ kind })} data-testid={`judge-kind-${kind}`} />
              {t(`judge.${kind}`)}
            </label>
          ))}
        </div>
        {form.kind === 'remote' ? (
          <>
            <label htmlFor="judge-baseUrl">{t('judge.baseUrl')}</label>
            {text('baseUrl', 'judge-base-url', { placeholder: 'http://gpu-box:8000/v1' })}
            <label htmlFor="judge-apiModel">{t('judge.apiModel')}</label>
            {text('apiModel', 'judge-api-model')}
            <label htmlFor="judge-apiKey">
              {t('judge.apiKey')} <span className="muted">({t('judge.apiKeyHint')})</span>
            </label>
            {text('apiKey', 'judge-api-key', { type: 'password', autoComplete: 'new-password' })}
            <label htmlFor="judge-api">{t('judge.api')}</label>
            <div className="judge-inline">
              <select id="judge-api" value={form.api} onChange={(event) => setForm({ api: event.target.value as JudgeForm['api'] })}>
                <option value="chat">chat/completions</option>
                <option value="completions">completions</option>
              </select>
              <label htmlFor="judge-concurrency">{t('judge.concurrency')}</label>
              <input
                id="judge-concurrency"
                type="number"
                min={1}
                max={256}
                value={form.concurrency}
                onChange={(event) => setForm({ concurrency: Math.max(1, Number(event.target.value) || 1) })}
                data-testid="judge-concurrency"
              />
            </div>
          </>
        ) : (
          <>
            {models && (
              <>
                <label htmlFor="judge-model-file">{t('judge.modelsFolder')}</label>
                <select
                  id="judge-model-file"
                  value={models.files.some((m) => m.file === form.modelPath) ? form.modelPath : ''}
                  onChange={(event) => setForm({ modelPath: event.target.value })}
                  data-testid="judge-model-file"
                  title={models.dir}
                >
                  <option value="">{models.files.length ? t('judge.chooseModel') : t('judge.noModels', { dir: models.dir })}</option>
                  {models.files.map((model) => (
                    <option key={model.file} value={model.file} disabled={model.refused !== null}>
                      {[model.fileName, model.fileType, model.contextLength ? `ctx ${model.contextLength}` : null].filter(Boolean).join(' · ')}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label htmlFor="judge-modelPath">{t('judge.modelPath')}</label>
            <div className="judge-path-row">
              {text('modelPath', 'judge-model-path', { placeholder: '/models/pollux-judge-7b.Q4_K_M.gguf' })}
              {api.platform === 'desktop' && (
                <button type="button" onClick={() => void pickModelFile()} data-testid="judge-model-browse">
                  {t('judge.browse')}
                </button>
              )}
            </div>
            <span />
            <label className="judge-check">
              <input type="checkbox" checked={form.constrained} onChange={(event) => setForm({ constrained: event.target.checked })} data-testid="judge-constrained" />
              {t('judge.constrained')}
            </label>
          </>
        )}
        <label htmlFor="judge-mode">{t('judge.items')}</label>
        <div className="judge-inline">
          <select id="judge-mode" value={form.mode} onChange={(event) => setForm({ mode: event.target.value as JudgeForm['mode'] })} data-testid="judge-mode">
            <option value="all">{t('judge.modeAll')}</option>
            <option value="unjudged">{t('judge.modeUnjudged')}</option>
          </select>
          <select
            aria-label={t('judge.criterion')}
            value={form.criterionId}
            onChange={(event) => setForm({ criterionId: event.target.value })}
            data-testid="judge-criterion"
          >
            <option value="">{t('judge.allCriteria')}</option>
            {(criteria ?? []).map((criterion) => (
              <option key={criterion.id} value={String(criterion.id)}>
                {criterion.label} ({criterion.items})
              </option>
            ))}
          </select>
          <label htmlFor="judge-limit">{t('judge.limit')}</label>
          <input id="judge-limit" className="judge-small" inputMode="numeric" value={form.limit} onChange={(event) => setForm({ limit: event.target.value })} data-testid="judge-limit" />
          <label htmlFor="judge-sample">{t('judge.sample')}</label>
          <SmallInput id="judge-sample" inputMode="numeric" value={form.sample} onChange={(sample) => setForm({ sample })} />
          <label htmlFor="judge-seed">{t('judge.seed')}</label>
          <SmallInput id="judge-seed" inputMode="numeric" value={form.seed} onChange={(seed) => setForm({ seed })} />
        </div>
        <label htmlFor="judge-temperature">{t('judge.decoding')}</label>
        <div className="judge-inline">
          <label htmlFor="judge-temperature">{t('judge.temperature')}</label>
          <SmallInput id="judge-temperature" inputMode="decimal" value={form.temperature} onChange={(temperature) => setForm({ temperature })} testId="judge-temperature" />
          <label htmlFor="judge-maxTokens">{t('judge.maxTokens')}</label>
          <SmallInput id="judge-maxTokens" inputMode="numeric" value={form.maxTokens} placeholder="4096" title={t('judge.maxTokensHint')} onChange={(maxTokens) => setForm({ maxTokens })} testId="judge-max-tokens" />
          {form.kind === 'local' && (
            <>
              <label htmlFor="judge-contextSize">{t('judge.contextSize')}</label>
              <SmallInput id="judge-contextSize" inputMode="numeric" value={form.contextSize} placeholder={t('judge.contextAuto')} title={t('judge.contextSizeHint')} onChange={(contextSize) => setForm({ contextSize })} testId="judge-context-size" />
            </>
          )}
        </div>
        <label htmlFor="judge-name">{t('judge.name')}</label>
        <input
          id="judge-name"
          type="text"
          value={form.nameEdited ? form.name : suggestedRunName(form, taken)}
          autoComplete="off"
          spellCheck={false}
          data-testid="judge-name"
          onChange={(event) => setForm({ name: event.target.value })}
        />
      </div>
      {starting && load && (
        <div className="judge-load" data-testid="judge-load">
          <ProgressBar fraction={load.fraction} label={load.model} testId="judge-load-progress" />
          <div className="progress-caption">
            {t(load.phase === 'hash' ? 'judge.hashing' : 'judge.loading', { model: load.model, percent: Math.round(load.fraction * 100) })}
            {load.etaMs !== null ? ` · ${t('judge.eta', { time: format.duration(load.etaMs) })}` : ''}
          </div>
        </div>
      )}
      <div className="judge-actions">
        <button type="submit" className="primary" disabled={!ready || starting} data-testid="judge-start">
          {starting ? t('judge.starting') : t('judge.start')}
        </button>
        {!ready && name === '' && <span className="muted" data-testid="judge-name-required">{t('judge.nameRequired')}</span>}
      </div>
      <JudgeCatalogPanel />
    </form>
  )
}

/** A short numeric field of the judge form. */
function SmallInput(props: {
  id: string
  inputMode: 'numeric' | 'decimal'
  value: string
  placeholder?: string
  title?: string
  testId?: string
  onChange(value: string): void
}) {
  return (
    <input
      id={props.id}
      className="judge-small"
      inputMode={props.inputMode}
      value={props.value}
      placeholder={props.placeholder}
      title={props.title}
      onChange={(event) => props.onChange(event.target.value)}
      data-testid={props.testId}
    />
  )
}
