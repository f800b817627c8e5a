import { useTranslation } from 'react-i18next'

/** The keys of the item screen, always on screen. */
export function ShortcutLegend({ digits }: { digits: string }) {
  const { t } = useTranslation()
  const keys: [string, string][] = [
    [digits, t('workbench.shortcuts.score')],
    ['N', t('workbench.shortcuts.notApplicable')],
    ['Tab', t('workbench.shortcuts.rationale')],
    ['Esc', t('workbench.shortcuts.back')],
    ['Ctrl+Enter', t('workbench.shortcuts.submit')],
    ['J', t('workbench.shortcuts.next')],
    ['K', t('workbench.shortcuts.previous')],
    ['?', t('setup.guidance.shortcut')],
  ]
  return (
    <dl className="wb-shortcuts" aria-label={t('workbench.shortcuts.title')} data-testid="shortcut-legend">
      {keys.map(([key, label]) => (
        <div key={key} className="wb-shortcut">
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{label}</dd>
        </div>
      ))}
    </dl>
  )
}
