/**
 * A small RFC 4180 CSV parser.
 *
 * Why not split on lines: quoted fields may hold commas, doubled quotes ("") and line breaks
 * (tweets often do), so a record can span several physical lines. This is a single-pass state
 * machine over the string; it accepts CRLF or LF record ends and a missing final newline.
 */

/** Parses CSV text into rows of raw string fields (no trimming, no type conversion). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  // A leading UTF-8 byte order mark is not part of the first header name.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      inQuotes = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += c;
    }
    i++;
  }
  // The last record may end without a newline; an empty trailing line is not a record.
  if (field.length > 0 || row.length > 0 || inQuotes) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses CSV with a header row into objects keyed by header name. Short rows get ''. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) return [];
  const out: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const obj: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) obj[header[c] ?? `col${c}`] = row[c] ?? '';
    out.push(obj);
  }
  return out;
}
