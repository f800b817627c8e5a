import type { Dictionary } from '../ru'

export const analyticsEn: Dictionary['analytics'] = {
  title: 'Analytics',
}
