import type { Dictionary } from '../ru'

export const workbenchEn: Dictionary['workbench'] = {
  title: 'Annotate',
}
