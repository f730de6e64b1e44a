/**
 * Mail that must never be answered: automatic replies, bounces and delivery reports, mailing
 * lists and bulk mail (RFC 3834, RFC 2369/2919, RFC 3464/6522 and the vendor headers in common
 * use). Answering them starts mail loops or writes to lists. Such mail is still stored and shown;
 * the card says replies are off and why.
 */
export interface AutoMailFacts {
  /** Header values by lower-case name (every occurrence). */
  header(name: string): readonly string[];
  /** The top-level Content-Type, e.g. `multipart/report`. */
  contentType: string | null;
  fromAddress: string | null;
  /** The envelope sender: `''` for the null path `<>` (bounces), null when unknown. */
  returnPath: string | null;
}

const BULK_PRECEDENCE = new Set(['bulk', 'list', 'junk', 'auto_reply']);

/** Why replies are off for this message, or null when it is a person's mail. */
export function noReplyReason(m: AutoMailFacts): string | null {
  const auto = m.header('auto-submitted').map(
    (v) =>
      v
        .trim()
        .toLowerCase()
        .split(/[\s;(]/)[0] ?? '',
  );
  const submitted = auto.find((v) => v && v !== 'no');
  if (submitted) return `automatic message (Auto-Submitted: ${submitted})`;
  if (m.header('x-autoreply').length > 0 || m.header('x-autorespond').length > 0 || m.header('x-autoresponder').length > 0)
    return 'automatic reply (X-Autoreply)';
  const type = (m.contentType ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/report')) return 'delivery or read report (multipart/report)';
  const local = (m.fromAddress ?? '').split('@')[0]?.toLowerCase() ?? '';
  if (local === 'mailer-daemon' || local === 'postmaster')
    return `bounce (from ${local.toUpperCase() === 'POSTMASTER' ? 'postmaster' : 'MAILER-DAEMON'})`;
  if (m.returnPath === '') return 'bounce or automatic message (empty Return-Path)';
  if (m.header('x-failed-recipients').length > 0) return 'bounce (X-Failed-Recipients)';
  if (m.header('list-id').length > 0) return 'mailing list (List-Id)';
  if (m.header('list-unsubscribe').length > 0) return 'mailing list or newsletter (List-Unsubscribe)';
  const precedence = m
    .header('precedence')
    .map((v) => v.trim().toLowerCase())
    .find((v) => BULK_PRECEDENCE.has(v));
  if (precedence) return `bulk mail (Precedence: ${precedence})`;
  return null;
}

/** The envelope sender from a Return-Path header: '' for `<>`, null when absent. */
export function returnPathOf(values: readonly string[]): string | null {
  // The delivering server prepends its Return-Path: the topmost one is the real envelope sender.
  const first = values[0];
  if (first === undefined) return null;
  const match = /<([^>]*)>/.exec(first);
  return (match ? (match[1] ?? '') : first).trim();
}
