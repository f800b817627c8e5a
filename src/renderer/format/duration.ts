/** Looks up a `units.*` string of the UI dictionary with its placeholders filled in (i18next's `t`). */
export type UnitTranslator = (key: string, values: Record<string, string | number>) => string

/**
 * A duration as people read it, in the UI's language: "0.6 s", "12 s", "1 min 4 s", "2 h 5 min".
 * Under ten seconds one decimal (so 641 ms is "0.6 s", never "641 ms"); whole seconds up to a minute; then minutes
 * and seconds; from an hour on, hours and minutes. Rounding happens once, before the unit is chosen, so 59.7 s
 * reads "1 min", not "60 s".
 */
export function formatDuration(ms: number, t: UnitTranslator, locale: string): string {
  const safe = Number.isFinite(ms) ? Math.max(0, ms) : 0
  const tenths = Math.round(safe / 100)
  if (tenths < 100) {
    const value = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths / 10)
    return t('units.seconds', { value })
  }
  const seconds = Math.round(safe / 1000)
  if (seconds < 60) return t('units.seconds', { value: seconds })
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60)
    const rest = seconds % 60
    return rest === 0 ? t('units.minutes', { minutes }) : t('units.minutesSeconds', { minutes, seconds: rest })
  }
  const totalMinutes = Math.round(seconds / 60)
  const hours = Math.floor(totalMinutes / 60)
  const minutes = totalMinutes % 60
  return minutes === 0 ? t('units.hours', { hours }) : t('units.hoursMinutes', { hours, minutes })
}
