/**
 * Spreadsheet safety for CSV cells (OWASP "CSV injection"): a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is a formula to Excel, LibreOffice and Sheets, so exports write it behind a `'`.
 *
 * The rule is reversible, so Castor's importer gives back every text exactly:
 * - written: a text that starts with any number of `'` and then a trigger character gets one more `'` in front
 *   (`=A1` → `'=A1`, `'=A1` → `''=A1`); every other text is written as it is (`'quoted` stays `'quoted`);
 * - read: a cell that starts with one or more `'` and then a trigger character loses its first `'`.
 * Raw mode (`castor export --raw-csv`) writes trigger cells as they are and still adds the `'` to texts that
 * start with `'`s and a trigger, so the importer's rule gives back the same texts from either kind of file.
 */
const TRIGGER = /^'*[=+\-@\t\r]/
const NEUTRALISED = /^'+[=+\-@\t\r]/

export function neutraliseCell(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text
}

/** Raw mode: only the texts the importer would otherwise change get their `'`. */
export function protectQuotedCell(text: string): string {
  return NEUTRALISED.test(text) ? `'${text}` : text
}

export function restoreCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text
}
