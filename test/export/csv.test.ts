import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, neutraliseFormula } from '../../src/export/csv.js';
import { parseCsv } from '../../scripts/eval/csv.js';

/** What a spreadsheet would run as a formula: a cell whose visible text starts with = + - @ (or a tab or CR). */
const runsAsFormula = (cell: string) =>
  /^[=+\-@\t\r]/.test(cell.replace(/^[\s\u00a0\u200b-\u200f\u2028\u2029\ufeff]+/u, '')) || /^[\t\r]/.test(cell);

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '"', ',', '\r', '\n', '\t', ' ', 'a', 'é', '😀', '\u200f'), maxLength: 20 }),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '+1-2',
    '-5',
    ' =1+1',
    '\u200b=1',
    'a,"b"\r\nc',
    '__proto__',
    '<!here>',
  ),
);

describe('CSV (RFC 4180, safe to open in a spreadsheet)', () => {
  it('round-trips any table of text: what is written is what a reader gets back (plus the apostrophe on formulas)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const csv = table.map((r) => csvRecord(r)).join('');
        expect(parseCsv(csv)).toEqual(table.map((r) => r.map(neutraliseFormula)));
      }),
      { numRuns: 300 },
    );
  });

  it('no cell a spreadsheet reads can start a formula', () => {
    fc.assert(
      fc.property(text, (value) => {
        const [cell] = parseCsv(csvRecord([value]))[0]!;
        expect(runsAsFormula(cell!)).toBe(false);
        // Neutralising only ever adds one apostrophe in front; the text itself is kept.
        expect(cell === value || cell === `'${value}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('quotes exactly the fields RFC 4180 requires and ends records in CRLF', () => {
    expect(csvRecord(['plain', 'with,comma', 'with "quote"', 'two\nlines', ''])).toBe(
      'plain,"with,comma","with ""quote""","two\nlines",\r\n',
    );
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField(' =1')).toBe("' =1");
    // Numbers are ours, never customer text: written as numbers.
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });
});
