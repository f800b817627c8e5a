/** Russian strings of the workbench screens; `workbench.en.ts` must have the same keys. */
export const workbenchRu = {
  title: 'Разметка',
}
