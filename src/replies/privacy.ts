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

/** Every piece of private data found in `text`, in order of appearance kind by kind. */
export function findPrivateData(text: string, custom: readonly CustomPattern[] = []): PrivacyFinding[] {
  const findings: PrivacyFinding[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const add = (kind: PrivacyFinding['kind'], label: string, match: RegExpExecArray, value = match[0]) => {
    const start = match.index;
    const end = start + match[0].length;
    if (overlaps(start, end)) return;
    taken.push([start, end]);
    findings.push({ kind, label, match: value.trim() });
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

/** A refusal people understand: what was found and what to do instead. */
export function explainFindings(findings: readonly PrivacyFinding[]): string {
  const kinds = [...new Set(findings.map((f) => f.label))];
  return `This reply would post ${kinds.join(', ')} in public (${findings.map((f) => `"${f.match}"`).join(', ')}). Send it as a direct message instead, or remove it.`;
}
