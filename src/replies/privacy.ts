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
// International or national phone numbers: 9–15 digits with the usual separators.
const PHONE = /(?<![\w@])(?:\+|00)?\d[\d\s().-]{7,18}\d(?!\w)/g;
const CARD = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
const ACCOUNT = /\b(?:account|acct|a\/c|sort code|routing)(?:\s+(?:no\.?|number|#))?\s*[:#]?\s*(\d[\d -]{5,20}\d)/gi;

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

export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
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
  const value = entry.trim();
  if (/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(value)) return 'email';
  if (/^(https?:\/\/)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(\/\S*)?$/i.test(value) && /[A-Za-z]/.test(value)) return 'link';
  const digits = value.replace(/\D/g, '');
  if (/^\+?[\d\s().-]+$/.test(value) && digits.length >= 5 && digits.length <= 15) return 'phone';
  return null;
}

const MIN_NATIONAL_DIGITS = 6;
const withoutScheme = (link: string) => link.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');

export function compileAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { phones: [], emails: new Set(), links: [] };
  for (const entry of entries) {
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

/**
 * Every piece of private data found in `text`, in order of appearance kind by kind. The brand's
 * own numbers, addresses and links (`allow`, from config `replies.allow`) are not private data.
 */
export function findPrivateData(text: string, custom: readonly CustomPattern[] = [], allow: AllowList = NO_ALLOW): PrivacyFinding[] {
  const findings: PrivacyFinding[] = [];
  const taken: [number, number][] = [];
  const linkSpans = allow.links.length > 0 ? allowedLinkSpans(text, allow.links) : [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const add = (kind: PrivacyFinding['kind'], label: string, match: RegExpExecArray, value = match[0]) => {
    const start = match.index;
    const end = start + match[0].length;
    if (overlaps(start, end)) return;
    const finding = { kind, label, match: value.trim() };
    // Taken either way: an allowed number is not then re-read as an account number or a card.
    taken.push([start, end]);
    if (!isAllowed(finding, start, end, allow, linkSpans)) findings.push(finding);
  };
  for (const m of text.matchAll(EMAIL)) add('email', 'an email address', m);
  for (const m of text.matchAll(IBAN)) if (ibanValid(m[0])) add('iban', 'an IBAN', m);
  for (const m of text.matchAll(CARD)) if (luhnValid(digitsOf(m[0]))) add('payment_card', 'a payment card number', m);
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
  return `This reply would post ${kinds.join(', ')} in public (${findings.map((f) => `${f.label} ${maskFinding(f)}`).join('; ')}). Send it as a direct message instead, or remove it.`;
}
