import type { Dictionary } from '../ru'

export const judgeEn: Dictionary['judge'] = {
  title: 'Judge',
}
