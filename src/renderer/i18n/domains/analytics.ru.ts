/** Russian strings of the analytics screens; `analytics.en.ts` must have the same keys. */
export const analyticsRu = {
  title: 'Аналитика',
}
