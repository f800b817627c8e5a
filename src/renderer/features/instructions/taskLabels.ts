import type { Language, TaskName } from '@shared/api/models'

const SEPARATOR = ' / '

/** Task names by path, case-insensitively (data files do not always capitalise task names as tasks.json does). */
export type TaskNameIndex = ReadonlyMap<string, TaskName>

export function indexTaskNames(names: readonly TaskName[]): TaskNameIndex {
  return new Map(names.map((name) => [name.path.toLowerCase(), name]))
}

/**
 * An instruction's task path (English names joined by ' / ', as stored) in the UI's language: each level the
 * taxonomy knows is named in `language`, a level it does not know (or has no Russian name for) stays as written.
 */
export function localTaskPath(path: string, index: TaskNameIndex, language: Language): string {
  const parts = path.split(SEPARATOR)
  return parts
    .map((part, level) => {
      const known = index.get(parts.slice(0, level + 1).join(SEPARATOR).toLowerCase())
      if (!known) return part
      return language === 'ru' ? (known.nameRu ?? known.nameEn) : known.nameEn
    })
    .join(SEPARATOR)
}

/** POLLUX's difficulty levels; the UI names these, and shows any other value as written. */
export const difficultyLevels = ['easy', 'medium', 'hard'] as const
export type DifficultyLevel = (typeof difficultyLevels)[number]

export function difficultyLevel(value: string): DifficultyLevel | null {
  const normalised = value.trim().toLowerCase()
  return (difficultyLevels as readonly string[]).includes(normalised) ? (normalised as DifficultyLevel) : null
}
