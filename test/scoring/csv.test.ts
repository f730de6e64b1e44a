import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvObjects } from '../../scripts/eval/csv.js';

describe('parseCsv (RFC 4180)', () => {
  it('splits plain records and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,text\n1,"hello, ""world""\nsecond line"\n2,plain\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'hello, "world"\nsecond line'],
      ['2', 'plain'],
    ]);
  });

  it('accepts CRLF record ends, CRLF inside quotes, and a missing final newline', () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
    ]);
  });

  it('keeps empty fields, including an empty last field and an empty quoted field', () => {
    expect(parseCsv('a,,c,\n"",x,"",\n')).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('ignores a byte order mark before the header', () => {
    expect(parseCsv('\uFEFFid,v\n1,2')).toEqual([
      ['id', 'v'],
      ['1', '2'],
    ]);
  });

  it('returns no records for empty input', () => {
    expect(parseCsv('')).toEqual([]);
  });
});

describe('parseCsvObjects', () => {
  it('keys fields by header and fills short rows with empty strings', () => {
    expect(parseCsvObjects('id,reason,text\n1,,"a\nb"\n2\n')).toEqual([
      { id: '1', reason: '', text: 'a\nb' },
      { id: '2', reason: '', text: '' },
    ]);
  });
});
