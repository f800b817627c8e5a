import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { CatalogFit } from '@shared/api/judgeCatalog'
import { useFormat } from '../../hooks/useFormat'
import { useJudgeStore } from '../../stores/judgeStore'


/** The POLLUX judges: one action each — use a GGUF quantization (downloaded on start), or fill the server form. */
export function JudgeCatalogPanel() {
  const { t } = useTranslation()
  const format = useFormat()
  const catalog = useJudgeStore((state) => state.catalog)
  const loadCatalog = useJudgeStore((state) => state.loadCatalog)
  const setForm = useJudgeStore((state) => state.setForm)
  useEffect(() => {
    if (catalog === null) void loadCatalog()
  }, [catalog, loadCatalog])
  if (!catalog) return null
  const fit = (value: CatalogFit) => <span className={`judge-fit judge-fit-${value}`}>{t(`judge.fit.${value}`)}</span>
  return (
    <details className="judge-catalog" data-testid="judge-catalog">
      <summary>{t('judge.catalog')}</summary>
      <ul>
        {catalog.entries.map((entry) => (
          <li key={entry.id} data-testid={`judge-catalog-${entry.id}`}>
            <strong>{entry.name}</strong> <span className="muted">{entry.upstream}</span>
            {entry.gguf && (
              <ul>
                {entry.gguf.quantizations.map((q) => (
                  <li key={q.quant}>
                    <code>{q.quant}</code> ≈{format.bytes(q.bytes)} {fit(q.fit)}{' '}
                    <button type="button" onClick={() => setForm({ kind: 'local', modelPath: q.uri, constrained: true })} data-testid={`judge-catalog-use-${q.quant}`}>
                      {t('judge.useGguf')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="judge-catalog-serve">
              <code className="judge-command">{entry.serve.command}</code> {fit(entry.serve.fit)}{' '}
              <button type="button" onClick={() => setForm({ kind: 'remote', baseUrl: entry.serve.endpoint, apiModel: entry.serve.model })} data-testid={`judge-catalog-serve-${entry.id}`}>
                {t('judge.useServer')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </details>
  )
}
