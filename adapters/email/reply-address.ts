/**
 * Where a reply to a received e-mail goes. Reply-To is written by the sender and proves nothing:
 * a message "from" a customer with a Reply-To on another domain would send the brand's answer
 * (order details, account data) to whoever set it. So a reply goes to From, unless Reply-To is on
 * the same domain as From (the customer's other address, a shared team box), or From cannot take
 * replies at all (a web form's no-reply relay, whose Reply-To is the only way back). Whenever
 * Reply-To is set aside or taken from another domain, the card says so (`note`).
 */
export interface ReplyAddress {
  /** The address replies go to, or null when there is none to trust. */
  address: string | null;
  /** One line for the card when Reply-To and From disagree, or null. */
  note: string | null;
}

/** Local parts of addresses that take no replies (relays, robots, bounce handlers). */
const NO_REPLY_LOCAL = /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?)(?:[-+._].*)?$/i;

const domainOf = (address: string): string =>
  address
    .slice(address.lastIndexOf('@') + 1)
    .toLowerCase()
    .replace(/\.$/, '');
const localOf = (address: string): string => address.slice(0, address.lastIndexOf('@'));

/** The same domain, or one a subdomain of the other (mail.example.com and example.com). */
function sameDomain(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export function replyAddress(from: string | null, replyTo: string | null): ReplyAddress {
  const sender = from?.trim() || null;
  const asked = replyTo?.trim() || null;
  if (!asked || (sender && asked.toLowerCase() === sender.toLowerCase())) return { address: sender, note: null };
  if (!sender?.includes('@'))
    return { address: null, note: `↩️ Reply-To names ${domainOf(asked)} but the sender is unknown: Klaxon does not reply to it` };
  const fromDomain = domainOf(sender);
  const askedDomain = domainOf(asked);
  if (sameDomain(fromDomain, askedDomain)) return { address: asked, note: null };
  if (NO_REPLY_LOCAL.test(localOf(sender))) {
    return {
      address: asked,
      note:
        `↩️ Sent through ${fromDomain}, which takes no replies: ` +
        `replies go to the Reply-To address on ${askedDomain} (check it is the customer's)`,
    };
  }
  return {
    address: sender,
    note: `↩️ Reply-To points to ${askedDomain}, not the sender's domain ${fromDomain}: replies go to the sender's address`,
  };
}

/** The two ParsedEmail fields for a message's From and Reply-To. */
export function replyFields(from: string | null, replyTo: string | null): { replyTo: string | null; replyToNote: string | null } {
  const decided = replyAddress(from, replyTo);
  return { replyTo: decided.address, replyToNote: decided.note };
}
