/** What a criterion label is made of: its display name and its external id (unique in a project). */
export interface LabelledCriterion {
  name: string
  externalId: string
}

/**
 * The label of each criterion, in the order given: its name where no other criterion of the list has that name,
 * else `name (external id)`. Pass every criterion of the project, so a label is the same on every screen, in the
 * HTML report and in `castor stats --json` (`byCriterion` keys).
 */
export function criterionLabels(criteria: readonly LabelledCriterion[]): string[] {
  const count = new Map<string, number>()
  for (const { name } of criteria) count.set(name, (count.get(name) ?? 0) + 1)
  return criteria.map(({ name, externalId }) => (count.get(name)! > 1 ? `${name} (${externalId})` : name))
}
