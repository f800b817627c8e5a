import { useTranslation } from 'react-i18next'
import type { ImportPreview } from '@shared/api/importOperations'
import { ATTRIBUTE_PREFIX, isAttributeKey, mappingEntries, mappingProblems, MAPPING_FIELDS, type ImportMapping, type MappingField, type MappingProblem } from '@shared/domain/importMapping'

/** What a column is chosen for: a field, an instruction attribute under the column's own name, or nothing. */
type ColumnChoice = MappingField | typeof ATTRIBUTE | ''
const ATTRIBUTE = 'attribute'

/** Column → what it is mapped to (the mapping is kept field → column, as the CLI writes it). */
function choiceOfColumn(mapping: ImportMapping, column: string): ColumnChoice {
  const key = mappingEntries(mapping).find(([, mapped]) => mapped === column)?.[0]
  if (key === undefined) return ''
  return isAttributeKey(key) ? ATTRIBUTE : key
}

/** The mapping with `column` serving `choice`; a field serves one column, so its earlier column is freed. */
function withColumn(mapping: ImportMapping, column: string, choice: ColumnChoice): ImportMapping {
  const next: ImportMapping = {}
  for (const [key, mapped] of mappingEntries(mapping)) if (mapped !== column && key !== choice) next[key] = mapped
  if (choice === ATTRIBUTE) next[`${ATTRIBUTE_PREFIX}${column}`] = column
  else if (choice) next[choice] = column
  return next
}

/** The problems of a mapping that the screen can show (a column the file lacks cannot be chosen here). */
export function shownProblems(preview: ImportPreview, mapping: ImportMapping): MappingProblem[] {
  return mappingProblems(mapping, preview.columns).filter((problem) => problem.kind !== 'no-such-column')
}

/** The file's first rows under one field chooser per column ("skip" = ignored), and what is still missing. */
export function MappingView({ preview, mapping, onChange }: { preview: ImportPreview; mapping: ImportMapping; onChange: (mapping: ImportMapping) => void }) {
  const { t } = useTranslation()
  const problems = shownProblems(preview, mapping)
  const fieldName = (field: MappingProblem['field']) => (field === null ? '' : isAttributeKey(field) ? field : t(`mapping.fields.${field}`))
  const problemText = (problem: MappingProblem) => {
    if (problem.kind === 'missing') return t('mapping.problems.missing', { field: fieldName(problem.field) })
    if (problem.kind === 'column-twice') return t('mapping.problems.twice', { column: problem.column })
    if (problem.kind === 'needs-criterion') return t('mapping.problems.needsCriterion', { field: fieldName(problem.field) })
    return t('mapping.problems.needsRater')
  }
  return (
    <section className="mapping" data-testid="import-mapping" aria-label={t('mapping.title')}>
      <h3 className="section-title">{t('mapping.title')}</h3>
      <p className="muted">{t('mapping.intro', { file: preview.file })}</p>
      {preview.savedFrom && <p className="muted">{t('mapping.savedFrom', { file: preview.savedFrom })}</p>}
      <div className="mapping-table-wrap">
        <table className="mapping-table">
          <thead>
            <tr>
              {preview.columns.map((column) => (
                <th key={column} scope="col">
                  <code className="mapping-column">{column}</code>
                  <select
                    aria-label={`${t('mapping.field')}: ${column}`}
                    value={choiceOfColumn(mapping, column)}
                    onChange={(event) => onChange(withColumn(mapping, column, event.target.value as ColumnChoice))}
                    data-testid={`mapping-field-${column}`}
                  >
                    <option value="">{t('mapping.ignore')}</option>
                    {MAPPING_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {fieldName(field)}
                      </option>
                    ))}
                    <option value={ATTRIBUTE}>{t('setupFlow.keepAsAttribute')}</option>
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column} className={choiceOfColumn(mapping, preview.columns[column]) ? '' : 'mapping-skipped'}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mapping.criterion === undefined && <p className="muted">{t('mapping.noScores')}</p>}
      <p className="muted">{t('setupFlow.attributeHint')}</p>
      {problems.length > 0 && (
        <ul className="mapping-problems" data-testid="mapping-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
