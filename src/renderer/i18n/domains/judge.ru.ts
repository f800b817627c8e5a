/** Russian strings of the judge screens; `judge.en.ts` must have the same keys. */
export const judgeRu = {
  title: 'Судья',
}
