/**
 * The privacy guard: a public reply must not carry the customer's (or anyone's) private data.
 * Detection favours recall on the data that does real harm in public (cards, bank accounts,
 * contact details) and checks what can be checked (Luhn for card numbers, mod-97 for IBANs) so a
 * tracking number or a date is not mistaken for a card.
 */
export interface PrivacyFinding {
  kind: 'email' | 'phone' | 'payment_card' | 'iban' | 'account_number' | 'custom';
  label: string;
  match: string;
}

export interface CustomPattern {
  name: string;
  pattern: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// International or national phone numbers: 9–15 digits, up to three separators between two digits.
const PHONE = /(?<![\w@])(?:\+|00)?\d(?:[\s().-]{0,3}\d){7,15}(?!\w)/g;
/** A run of digits in groups: one to three separators (space, dot, dash) between digits. */
const DIGIT_RUN = /(?<!\d)\d(?:[ .-]{0,3}\d){12,40}(?!\d)/g;
/**
 * Where an IBAN may start: a country code and its two check digits written together (`GB82`, as
 * every printed form has them), not inside a word — so a word such as "is" or "no" before a
 * number is never read as a country code.
 */
const IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}/g;
const ACCOUNT = /\b(?:account|acct|a\/c|sort code|routing)(?:\s+(?:no\.?|number|#))?\s*[:#]?\s*(\d[\d -]{5,20}\d)/gi;

/**
 * The text as the guard reads it: compatibility forms folded (NFKC: full-width digits and
 * letters, no-break, thin and figure spaces), every other keyboard's decimal digits as ASCII,
 * dashes as `-`, and invisible characters (zero-width spaces, direction marks, soft hyphens)
 * removed — so a number cannot slip through by the way it is spelt. Findings quote this text.
 */
export function normaliseForGuard(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '')
    .replace(/\p{Nd}/gu, (digit) => (digit >= '0' && digit <= '9' ? digit : String(decimalValue(digit))))
    .replace(/[\p{Pd}\u2212]/gu, '-')
    .replace(/[^\S\n]/g, ' ');
}

/** The value of a decimal digit of any script: Unicode keeps each script's 0–9 in one run of ten. */
function decimalValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  let zero = code;
  while (code - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  // Runs of ten can sit back to back (mathematical digits, folded by NFKC before this): stay in this run.
  return (code - zero) % 10;
}

/** IBAN lengths by country (SWIFT's IBAN registry, and the national formats banks publish for the others). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AO: 25,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BF: 28,
  BG: 22,
  BH: 22,
  BI: 27,
  BJ: 28,
  BR: 29,
  BY: 28,
  CF: 27,
  CG: 27,
  CH: 21,
  CI: 28,
  CM: 27,
  CR: 22,
  CV: 25,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  DZ: 26,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GA: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GQ: 27,
  GR: 27,
  GT: 28,
  GW: 25,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IR: 26,
  IS: 26,
  IT: 27,
  JO: 30,
  KM: 27,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MA: 28,
  MC: 27,
  MD: 24,
  ME: 22,
  MG: 27,
  MK: 19,
  ML: 28,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  MZ: 25,
  NE: 28,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SN: 28,
  SO: 23,
  ST: 25,
  SV: 28,
  TD: 27,
  TG: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** An IBAN (spaces, dots, dashes and case aside): a known country's length, and the mod-97 check. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/[\s.-]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** The brand's own contact details (config `replies.allow`), sorted by kind for the guard. */
export interface AllowList {
  /** Digits of each allowed phone number, and its national part (no country code, no trunk 0). */
  phones: { digits: string; national: string }[];
  emails: Set<string>;
  /** Allowed links, lower-cased without their scheme: `acme.com/help`. */
  links: string[];
}

/** What kind of entry a `replies.allow` value is, or null when it is none of them. */
export function allowEntryKind(entry: string): 'email' | 'link' | 'phone' | null {
  const value = normaliseForGuard(entry).trim();
  if (/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(value)) return 'email';
  if (/^(https?:\/\/)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(\/\S*)?$/i.test(value) && /[A-Za-z]/.test(value)) return 'link';
  const digits = value.replace(/\D/g, '');
  if (/^\+?[\d\s().-]+$/.test(value) && digits.length >= 5 && digits.length <= 15) return 'phone';
  return null;
}

const MIN_NATIONAL_DIGITS = 6;
const withoutScheme = (link: string) =>
  link
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');

export function compileAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { phones: [], emails: new Set(), links: [] };
  for (const entry of entries.map(normaliseForGuard)) {
    const kind = allowEntryKind(entry);
    if (kind === 'email') list.emails.add(entry.trim().toLowerCase());
    else if (kind === 'link') list.links.push(withoutScheme(entry));
    else if (kind === 'phone') {
      const digits = entry.replace(/\D/g, '');
      list.phones.push({ digits, national: digits.replace(/^0+/, '') });
    }
  }
  return list;
}

/**
 * The same number written another way: `0800 123 4567` and `+44 800 123 4567` share their
 * national part (the digits after the country code or trunk 0).
 */
function samePhone(found: string, allowed: AllowList['phones'][number]): boolean {
  const digits = found.replace(/\D/g, '');
  if (digits === allowed.digits) return true;
  const national = digits.replace(/^0+/, '');
  const shorter = national.length <= allowed.national.length ? national : allowed.national;
  const longer = shorter === national ? allowed.national : national;
  return shorter.length >= MIN_NATIONAL_DIGITS && longer.endsWith(shorter) && longer.length - shorter.length <= 3;
}

/** Where an allowed link appears in the text: the whole URL it starts (its path may go deeper). */
function allowedLinkSpans(text: string, links: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const link of links) {
    for (let at = lower.indexOf(link); at !== -1; at = lower.indexOf(link, at + 1)) {
      const start = /https?:\/\/$/.exec(lower.slice(Math.max(0, at - 8), at)) ? lower.lastIndexOf('http', at) : at;
      const before = start > 0 ? (lower[start - 1] ?? ' ') : ' ';
      const next = lower[at + link.length] ?? ' ';
      // A whole host or path, not the tail of another domain (`evilacme.com`) or a longer name.
      if (/[a-z0-9.-]/.test(before) || /[a-z0-9-]/.test(next)) continue;
      let end = at + link.length;
      while (end < text.length && !/\s/.test(text[end]!)) end += 1;
      spans.push([start, end]);
    }
  }
  return spans;
}

function isAllowed(finding: PrivacyFinding, start: number, end: number, allow: AllowList, linkSpans: readonly [number, number][]): boolean {
  if (linkSpans.some(([s, e]) => start >= s && end <= e)) return true;
  if (finding.kind === 'email') return allow.emails.has(finding.match.toLowerCase());
  // The brand's number is allowed whichever detector took it (a 14-digit number may pass Luhn).
  return finding.kind !== 'iban' && allow.phones.some((p) => samePhone(finding.match, p));
}

const NO_ALLOW: AllowList = { phones: [], emails: new Set(), links: [] };

/** The digit groups of a run (`4111 1111-1111.1111`): where each starts and ends, and its digits. */
function digitGroups(text: string, start: number, end: number): { start: number; end: number; digits: string }[] {
  const groups: { start: number; end: number; digits: string }[] = [];
  for (const m of text.slice(start, end).matchAll(/\d+/g)) {
    groups.push({ start: start + m.index, end: start + m.index + m[0].length, digits: m[0] });
  }
  return groups;
}

/**
 * A card number inside a run of digit groups: the longest Luhn-valid stretch of whole groups
 * (13–19 digits) from the earliest group it can start at. Whole groups only, so a card followed
 * by its expiry or security code is found, and a long reference number is not combed for one.
 */
function cardIn(groups: readonly { start: number; end: number; digits: string }[]): { start: number; end: number; digits: string } | null {
  for (let first = 0; first < groups.length; first += 1) {
    let best: { start: number; end: number; digits: string } | null = null;
    let digits = '';
    for (let last = first; last < groups.length; last += 1) {
      digits += groups[last]!.digits;
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhnValid(digits)) best = { start: groups[first]!.start, end: groups[last]!.end, digits };
    }
    if (best) return best;
  }
  return null;
}

/**
 * An IBAN starting where `IBAN_START` matched: exactly its country's number of letters and
 * digits, with up to three separators between any two, ending at a word boundary.
 */
function ibanAt(text: string, start: number): { end: number; value: string } | null {
  const length = IBAN_LENGTHS[text.slice(start, start + 2).toUpperCase()];
  if (length === undefined) return null;
  let value = '';
  let at = start;
  while (at < text.length && value.length < length) {
    const ch = text[at]!;
    if (/[A-Za-z0-9]/.test(ch)) value += ch;
    else if (!/[ .-]/.test(ch) || value.length === 0) return null;
    else if (/[ .-]{4}/.test(text.slice(at, at + 4))) return null;
    at += 1;
  }
  if (value.length < length || /[A-Za-z0-9]/.test(text[at] ?? ' ')) return null;
  return ibanValid(value) ? { end: at, value } : null;
}

/**
 * Every piece of private data found in `text`, in order of appearance kind by kind. The brand's
 * own numbers, addresses and links (`allow`, from config `replies.allow`) are not private data.
 * The text is read as `normaliseForGuard` spells it, so findings quote that spelling.
 */
export function findPrivateData(raw: string, custom: readonly CustomPattern[] = [], allow: AllowList = NO_ALLOW): PrivacyFinding[] {
  const text = normaliseForGuard(raw);
  const findings: PrivacyFinding[] = [];
  const taken: [number, number][] = [];
  const linkSpans = allow.links.length > 0 ? allowedLinkSpans(text, allow.links) : [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const addSpan = (kind: PrivacyFinding['kind'], label: string, start: number, end: number, value: string) => {
    if (overlaps(start, end)) return;
    const finding = { kind, label, match: value.trim() };
    // Taken either way: an allowed number is not then re-read as an account number or a card.
    taken.push([start, end]);
    if (!isAllowed(finding, start, end, allow, linkSpans)) findings.push(finding);
  };
  const add = (kind: PrivacyFinding['kind'], label: string, match: RegExpExecArray, value = match[0]) =>
    addSpan(kind, label, match.index, match.index + match[0].length, value);
  for (const m of text.matchAll(EMAIL)) add('email', 'an email address', m);
  for (const m of text.matchAll(IBAN_START)) {
    const found = ibanAt(text, m.index);
    if (found) addSpan('iban', 'an IBAN', m.index, found.end, text.slice(m.index, found.end));
  }
  for (const m of text.matchAll(DIGIT_RUN)) {
    const runEnd = m.index + m[0].length;
    // The brand's own number is not searched for a card (a 14-digit number may pass Luhn).
    if (allow.phones.some((p) => samePhone(m[0], p))) {
      addSpan('phone', 'a phone number', m.index, runEnd, m[0]);
      continue;
    }
    const found = cardIn(digitGroups(text, m.index, runEnd));
    if (found) addSpan('payment_card', 'a payment card number', found.start, found.end, text.slice(found.start, found.end));
  }
  for (const m of text.matchAll(ACCOUNT)) add('account_number', 'an account number', m, m[1] ?? m[0]);
  for (const m of text.matchAll(PHONE)) {
    const n = digitsOf(m[0]).length;
    if (n >= 9 && n <= 15) add('phone', 'a phone number', m);
  }
  for (const pattern of custom) {
    let re: RegExp;
    try {
      re = new RegExp(pattern.pattern, 'gi');
    } catch {
      continue; // validated at start-up; never let a bad pattern block replies
    }
    for (const m of text.matchAll(re)) if (m[0]) add('custom', pattern.name, m);
  }
  return findings;
}

/**
 * Enough of a finding for the agent to spot it in their own text, never the data itself: the
 * refusal may be shown where others read (a Teams thread) and may reach a log.
 */
export function maskFinding(finding: PrivacyFinding): string {
  const value = finding.match;
  if (finding.kind === 'email') {
    const at = value.indexOf('@');
    return `${value.slice(0, 1)}…@${value.slice(at + 1)}`;
  }
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 4 && finding.kind !== 'custom') return `ending ${digits.slice(-4)}`;
  return `${[...value].length} characters`;
}

/** A refusal people understand: what was found (masked) and what to do instead. */
export function explainFindings(findings: readonly PrivacyFinding[]): string {
  const kinds = [...new Set(findings.map((f) => f.label))];
  return (
    `This reply would post ${kinds.join(', ')} in public (${findings.map((f) => `${f.label} ${maskFinding(f)}`).join('; ')}). ` +
    `Send it as a direct message instead, or remove it.`
  );
}
