import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { exportFormats, useExportStore } from '../../stores/exportStore'

/** Export ▾: the formats and the CSV options; the outcome shows as a toast (ExportToast), clear of the menu. */
export function ExportMenu({ projectName }: { projectName: string }) {
  const { t } = useTranslation()
  const running = useExportStore((s) => s.running)
  const run = useExportStore((s) => s.run)
  const csv = useExportStore((s) => s.csv)
  const setCsv = useExportStore((s) => s.setCsv)
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [open])

  return (
    <div className="menu" ref={rootRef}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="export-button"
        disabled={running !== null}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault()
            setOpen(true)
            requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus())
          }
        }}
      >
        {running ? t('export.running') : t('export.button')} ▾
      </button>
      {open && (
        <div
          className="menu-list"
          role="menu"
          onKeyDown={(event) => {
            const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
            const index = items.indexOf(document.activeElement as HTMLElement)
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault()
              items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
            } else if (event.key === 'Escape') {
              setOpen(false)
            }
          }}
        >
          {exportFormats.map((exportFormat) => (
            <button
              key={exportFormat}
              type="button"
              role="menuitem"
              data-testid={`export-${exportFormat}`}
              onClick={() => {
                setOpen(false)
                void run(exportFormat, projectName)
              }}
            >
              <span className="menu-item-title">{t(`export.formats.${exportFormat}.title`)}</span>
              <span className="menu-item-hint">{t(`export.formats.${exportFormat}.hint`)}</span>
            </button>
          ))}
          <fieldset className="menu-options" data-testid="export-csv-options">
            <legend>{t('export.csvOptions')}</legend>
            <label title={t('export.bomHint')}>
              <input type="checkbox" checked={csv.bom} onChange={(event) => setCsv({ bom: event.target.checked })} data-testid="export-bom" /> {t('export.bom')}
            </label>
            <label title={t('export.rawCsvHint')}>
              <input type="checkbox" checked={csv.rawCsv} onChange={(event) => setCsv({ rawCsv: event.target.checked })} data-testid="export-raw-csv" />{' '}
              {t('export.rawCsv')}
            </label>
          </fieldset>
        </div>
      )}
    </div>
  )
}
