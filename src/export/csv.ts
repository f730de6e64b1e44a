/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet.
 *
 * - Fields are separated by commas and records end in CRLF. A field holding a comma, a double
 *   quote, CR or LF is wrapped in double quotes with inner quotes doubled; others are written bare.
 * - Formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets run a cell
 *   that starts with `=`, `+`, `-` or `@` (and some read a leading tab or CR the same way) as a
 *   formula, so a customer who writes `=HYPERLINK("http://evil", "click")` would run it on a
 *   manager's machine. Such text cells get a leading apostrophe, which spreadsheets show as text
 *   and do not evaluate. Numbers are written by us and never neutralised.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell a spreadsheet will show as text, never evaluate. */
export function neutraliseFormula(text: string): string {
  // A formula may hide behind leading spaces or other invisible characters that spreadsheets skip.
  const visible = text.replace(/^[\s\u00a0\u200b-\u200f\u2028\u2029\ufeff]+/u, '');
  return FORMULA_START.test(text) || FORMULA_START.test(visible) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
