import addressparser from 'nodemailer/lib/addressparser';

/**
 * What an IMAP server computes from a stored message: ENVELOPE and BODYSTRUCTURE (RFC 3501
 * §7.4.2), as byte strings in IMAP syntax. Header values are given as written (encoded words
 * stay encoded, as real servers send them); the client decodes.
 */

/** One piece of an IMAP response: text, or bytes that go out as a literal. */
export type ImapValue = string | { literal: Buffer };

interface Part {
  headers: Map<string, string[]>;
  type: string;
  subtype: string;
  params: [string, string][];
  body: Buffer;
  children: Part[];
  embedded: Part | null;
}

const CRLF = Buffer.from('\r\n');

export function splitHeader(raw: Buffer): { header: string; body: Buffer } {
  const at = raw.indexOf('\r\n\r\n');
  if (at < 0) return { header: raw.toString('latin1'), body: Buffer.alloc(0) };
  return { header: raw.subarray(0, at).toString('latin1'), body: raw.subarray(at + 4) };
}

export function parseHeaders(header: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of header.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    map.set(name, [...(map.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return map;
}

/** `type/subtype; a=b; c="d e"` → parts (no RFC 2231 decoding: values are passed on as written). */
function parseStructured(value: string | undefined): { value: string; params: [string, string][] } {
  if (!value) return { value: '', params: [] };
  const [head = '', ...rest] = value.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params: [string, string][] = [];
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim();
    const val = item
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/s, '$1')
      .replace(/\\(.)/g, '$1');
    params.push([key, val]);
  }
  return { value: head.trim(), params };
}

function parsePart(raw: Buffer, depth = 0): Part {
  const { header, body } = splitHeader(raw);
  const headers = parseHeaders(header);
  const ct = parseStructured(headers.get('content-type')?.[0] ?? 'text/plain; charset=us-ascii');
  const [type = 'text', subtype = 'plain'] = ct.value.toLowerCase().split('/');
  const part: Part = { headers, type, subtype, params: ct.params, body, children: [], embedded: null };
  const boundary = ct.params.find(([k]) => k.toLowerCase() === 'boundary')?.[1];
  if (type === 'multipart' && boundary && depth < 20) {
    const text = body.toString('latin1');
    const delimiter = `--${boundary}`;
    const pieces = text.split(new RegExp(`(?:^|\\r\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?:\\r\\n|$)`));
    // split() with groups interleaves captures: [preamble, cap, part1, cap, part2, '--', epilogue]
    for (let i = 2; i < pieces.length; i += 2) {
      if (pieces[i - 1] === '--') break;
      part.children.push(parsePart(Buffer.from(pieces[i] ?? '', 'latin1'), depth + 1));
    }
  } else if (type === 'message' && subtype === 'rfc822' && depth < 20) {
    part.embedded = parsePart(body, depth + 1);
  }
  return part;
}

const nil = 'NIL';

export function quoted(value: string | null | undefined): ImapValue {
  if (value === null || value === undefined) return nil;
  const bytes = Buffer.from(value, 'latin1');
  if (/^[\x20-\x7e]*$/.test(value) && bytes.length < 1000) return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return { literal: Buffer.from(value, 'latin1') };
}

function list(items: ImapValue[]): ImapValue[] {
  const out: ImapValue[] = ['('];
  items.forEach((item, i) => {
    if (i > 0) out.push(' ');
    out.push(item);
  });
  out.push(')');
  return out;
}

function flat(values: (ImapValue | ImapValue[])[]): ImapValue[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function addresses(value: string | undefined): ImapValue[] {
  if (!value) return [nil];
  const parsed = addressparser(value, { flatten: true }).filter((a) => a.address);
  if (parsed.length === 0) return [nil];
  const out: ImapValue[] = ['('];
  for (const a of parsed) {
    const at = a.address.lastIndexOf('@');
    const mailbox = at >= 0 ? a.address.slice(0, at) : a.address;
    const host = at >= 0 ? a.address.slice(at + 1) : null;
    out.push(...list([quoted(a.name || null), nil, quoted(mailbox), quoted(host)]));
  }
  out.push(')');
  return out;
}

export function envelopeOf(headers: Map<string, string[]>): ImapValue[] {
  const h = (name: string) => headers.get(name)?.[0];
  const from = h('from');
  return flat([
    '(',
    quoted(h('date')),
    ' ',
    quoted(h('subject')),
    ' ',
    addresses(from),
    ' ',
    addresses(h('sender') ?? from),
    ' ',
    addresses(h('reply-to') ?? from),
    ' ',
    addresses(h('to')),
    ' ',
    addresses(h('cc')),
    ' ',
    addresses(h('bcc')),
    ' ',
    quoted(h('in-reply-to')),
    ' ',
    quoted(h('message-id')),
    ')',
  ]);
}

function paramList(params: [string, string][]): ImapValue[] {
  if (params.length === 0) return [nil];
  return list(params.flatMap(([k, v]) => [quoted(k.toUpperCase()), quoted(v)]));
}

function lineCount(body: Buffer): number {
  let n = 0;
  for (let i = body.indexOf(CRLF); i >= 0; i = body.indexOf(CRLF, i + 2)) n += 1;
  return n;
}

function structureOf(part: Part): ImapValue[] {
  const disposition = parseStructured(part.headers.get('content-disposition')?.[0]);
  const dsp = disposition.value ? list([quoted(disposition.value.toUpperCase()), ...paramList(disposition.params)]) : [nil];
  if (part.children.length > 0) {
    return flat([
      '(',
      ...part.children.flatMap((c) => structureOf(c)),
      ' ',
      quoted(part.subtype.toUpperCase()),
      ' ',
      paramList(part.params),
      ' ',
      dsp,
      ' ',
      nil,
      ' ',
      nil,
      ')',
    ]);
  }
  const encoding = part.headers.get('content-transfer-encoding')?.[0]?.toUpperCase() ?? '7BIT';
  const fields: ImapValue[] = flat([
    quoted(part.type.toUpperCase()),
    ' ',
    quoted(part.subtype.toUpperCase()),
    ' ',
    paramList(part.params),
    ' ',
    quoted(part.headers.get('content-id')?.[0] ?? null),
    ' ',
    quoted(part.headers.get('content-description')?.[0] ?? null),
    ' ',
    quoted(encoding),
    ' ',
    String(part.body.length),
  ]);
  if (part.embedded)
    fields.push(' ', ...envelopeOf(part.embedded.headers), ' ', ...structureOf(part.embedded), ' ', String(lineCount(part.body)));
  else if (part.type === 'text') fields.push(' ', String(lineCount(part.body)));
  return flat(['(', ...fields, ' ', nil, ' ', dsp, ' ', nil, ' ', nil, ')']);
}

export function bodyStructureOf(raw: Buffer): ImapValue[] {
  return structureOf(parsePart(raw));
}
