/**
 * The one list of texts every importer reads as "not applicable" (compared trimmed and case-insensitively;
 * a JSON null or an empty cell also means N/A where a score may be absent). Documented in the README's import
 * section; any other non-numeric score is refused naming its line, field and value.
 */
export const NOT_APPLICABLE_SPELLINGS = ['N/A', 'NA', 'not applicable', 'Неприменимо', 'не применимо', 'Н/П', '-'] as const

const normalised = new Set<string>(NOT_APPLICABLE_SPELLINGS.map((spelling) => spelling.toLowerCase()))

export function isNotApplicableText(text: string): boolean {
  return normalised.has(text.trim().toLowerCase())
}

/** The spellings as a message lists them: "N/A", "NA", … */
export const notApplicableSpellingList = NOT_APPLICABLE_SPELLINGS.map((spelling) => JSON.stringify(spelling)).join(', ')
