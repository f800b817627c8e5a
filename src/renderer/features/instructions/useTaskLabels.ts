import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { useBrowseStore } from '../../stores/browseStore'
import { difficultyLevel, indexTaskNames, localTaskPath } from './taskLabels'

/** Task paths and difficulty in the UI's language (names from the project's tasks.json). */
export function useTaskLabels() {
  const { t } = useTranslation()
  const taskNames = useBrowseStore((s) => s.taskNames)
  const index = useMemo(() => indexTaskNames(taskNames), [taskNames])
  const language = useAppStore((s) => s.language)
  return useMemo(
    () => ({
      taskPath: (path: string) => localTaskPath(path, index, language),
      difficulty(value: string) {
        const level = difficultyLevel(value)
        return level ? t(`task.difficulty.${level}`) : value
      },
    }),
    [index, language, t],
  )
}
