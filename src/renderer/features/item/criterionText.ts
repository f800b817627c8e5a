import type { Criterion, CriterionLevel } from '@shared/api/models'

export interface CriterionText {
  name: string
  description: string | null
  group: string | null
  levels: CriterionLevel[]
  /** The language these texts are in. */
  language: string
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/**
 * The criterion's texts in `language` when it has a translation there (POLLUX ships Russian and English),
 * else in its own language. Levels without a translated text keep the original one, so no level is lost.
 */
export function criterionText(criterion: Criterion, language: string): CriterionText {
  const original: CriterionText = {
    name: criterion.name,
    description: criterion.description,
    group: criterion.group,
    levels: criterion.levels,
    language: criterion.language,
  }
  if (criterion.language === language) return original
  const translation = criterion.translations?.[language]
  if (!translation || typeof translation !== 'object') return original
  const fields = translation as Record<string, unknown>
  const levelTexts = (fields.levels && typeof fields.levels === 'object' ? fields.levels : {}) as Record<string, unknown>
  return {
    name: asString(fields.name) ?? criterion.name,
    description: asString(fields.description) ?? criterion.description,
    group: asString(fields.group) ?? criterion.group,
    levels: criterion.levels.map((level) => ({ score: level.score, text: asString(levelTexts[String(level.score)]) ?? level.text })),
    language,
  }
}

export function hasTranslation(criterion: Criterion, language: string): boolean {
  return criterion.language !== language && criterionText(criterion, language).language === language
}
