import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDuration } from '../format/duration'

/** Number, byte-size and duration formatting in the UI's language (every duration the UI shows goes through here). */
export function useFormat() {
  const { i18n, t } = useTranslation()
  const locale = i18n.language === 'ru' ? 'ru-RU' : 'en-US'
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale)
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
    return {
      count: (value: number) => integer.format(value),
      number: (value: number) => decimal.format(value),
      bytes(value: number) {
        const units = ['B', 'KB', 'MB', 'GB']
        let size = value
        let unit = 0
        while (size >= 1024 && unit < units.length - 1) {
          size /= 1024
          unit++
        }
        return `${decimal.format(size)} ${t(`units.${units[unit]}`)}`
      },
      duration: (ms: number) => formatDuration(ms, t, locale),
    }
  }, [locale, t])
}
