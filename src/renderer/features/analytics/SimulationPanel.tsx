import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SimulationReport, type SimulationPolicy, type SimulationSettings } from '@shared/api/simulationModels'
import { ProgressBar } from '../../components/ProgressBar'
import { useFormat } from '../../hooks/useFormat'
import { api, asCastorError } from '../../api'
import { useJobsStore } from '../../stores/jobsStore'
import { SimulationFigures } from './SimulationFigures'

const POLICIES: SimulationPolicy[] = ['judge-guided', 'breadth', 'depth', 'random']

/** The simulation screen: settings, a `simulate-start` job with progress and ETA, then its figures. */
export function SimulationPanel({ runs }: { runs: string[] }) {
  const { t } = useTranslation()
  const format = useFormat()
  const [policy, setPolicy] = useState<SimulationPolicy>('judge-guided')
  const [judge, setJudge] = useState<string>('')
  const [alpha, setAlpha] = useState('ceiling')
  const [delta, setDelta] = useState('0.1')
  const [calibration, setCalibration] = useState('')
  const [maxExperts, setMaxExperts] = useState('')
  const [repeats, setRepeats] = useState('200')
  const [seed, setSeed] = useState('1')
  const [jobId, setJobId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined))
  const run = judge || runs[0] || ''

  const start = async () => {
    setError(null)
    const settings: SimulationSettings = {
      policy,
      judge: run,
      alpha: alpha === 'ceiling' ? 'ceiling' : Number(alpha),
      delta: Number(delta),
      calibration: calibration === '' ? undefined : Number(calibration),
      maxExperts: maxExperts === '' ? undefined : Number(maxExperts),
      repeats: Number(repeats),
      seed: Number(seed),
    }
    try {
      const { jobId } = await api.invoke('simulate-start', settings)
      setJobId(jobId)
    } catch (e) {
      setError(asCastorError(e).message)
    }
  }
  const running = job?.status === 'running'
  const parsed = job?.status === 'done' ? SimulationReport.safeParse(job.result) : null
  const field = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label>
      {label} <input data-testid={testId} value={value} onChange={(event) => set(event.target.value)} size={6} />
    </label>
  )
  return (
    <section className="analytics-table-section" aria-label={t('estimates.simulation.heading')} data-testid="simulation-panel">
      <h3>{t('estimates.simulation.heading')}</h3>
      <p className="muted">{t('estimates.simulation.explain')}</p>
      <form
        className="simulation-form"
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <label>
          {t('estimates.simulation.policy')}{' '}
          <select data-testid="simulation-policy" value={policy} onChange={(event) => setPolicy(event.target.value as SimulationPolicy)}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('estimates.simulation.judge')}{' '}
          <select data-testid="simulation-judge" value={run} onChange={(event) => setJudge(event.target.value)}>
            {runs.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('estimates.simulation.alpha')}{' '}
          <select data-testid="simulation-alpha-mode" value={alpha === 'ceiling' ? 'ceiling' : 'absolute'} onChange={(event) => setAlpha(event.target.value === 'ceiling' ? 'ceiling' : '0.1')}>
            <option value="ceiling">{t('estimates.simulation.ceiling')}</option>
            <option value="absolute">α</option>
          </select>
        </label>{' '}
        {alpha !== 'ceiling' && field(t('estimates.simulation.alpha'), alpha, setAlpha, 'simulation-alpha')}
        {field(t('estimates.simulation.delta'), delta, setDelta, 'simulation-delta')}
        {field(t('estimates.simulation.calibration'), calibration, setCalibration, 'simulation-calibration')}
        {field(t('estimates.simulation.maxExperts'), maxExperts, setMaxExperts, 'simulation-max-experts')}
        {field(t('estimates.simulation.repeats'), repeats, setRepeats, 'simulation-repeats')}
        {field(t('estimates.simulation.seed'), seed, setSeed, 'simulation-seed')}
        <button type="submit" disabled={running || !run} data-testid="simulation-run">
          {t('estimates.simulation.run')}
        </button>
      </form>
      {running && job && (
        <div>
          <ProgressBar fraction={job.total ? job.done / job.total : null} label={t('estimates.simulation.heading')} testId="simulation-progress" />
          <span className="muted">
            {t('estimates.simulation.running', { done: job.done, total: job.total ?? '?' })}
            {job.etaMs !== null ? ` · ${t('estimates.simulation.eta', { time: format.duration(job.etaMs) })}` : ''}
          </span>
        </div>
      )}
      {(error || job?.error) && <p className="banner-error">{t('estimates.simulation.failed', { message: error ?? job?.error?.message })}</p>}
      {parsed?.success && <SimulationFigures report={parsed.data} />}
    </section>
  )
}
