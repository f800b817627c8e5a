import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** Number, byte-size and duration formatting in the UI's language. */
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
      duration(ms: number) {
        if (ms < 1000) return t('units.milliseconds', { value: Math.max(0, Math.round(ms)) })
        const seconds = Math.round(ms / 1000)
        if (seconds < 60) return t('units.seconds', { value: seconds })
        const minutes = Math.floor(seconds / 60)
        return t('units.minutes', { minutes, seconds: String(seconds % 60).padStart(2, '0') })
      },
    }
  }, [locale, t])
}
