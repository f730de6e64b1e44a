/**
 * Two ways a complaint is told without a negative word (issue #21), read from the raw text in
 * any scored language:
 *   - mock praise: strong praise beside a cost or a failure in the same mention ("thanks so much
 *     for the £600 bill, perfect timing", "superb quality, the soles came away after a fortnight");
 *   - a factual contrast: two different amounts of the same unit, one promised or usual and one
 *     received ("the 900Mb package … speed tests show 38Mb", "340 € alors que ma mensualité est
 *     de 85 €").
 * A fix named in the mention ("fixed the broken boiler, brilliant") keeps praise praise.
 */

const STRONG_PRAISE = new RegExp(
  String.raw`\b(?:superb|fantastic|brilliant|amazing|perfect(?:ly)?|world[- ]class|masterpiece|outstanding|(?:really |` +
    'so )?impressed|what a treat|stellar|top[- ]notch|marvell?ous|wonderful|incredible|genius|thanks so much|' +
    'thank you so much|cheers for|love (?:that|how|it when)|great (?:job|work|stuff)|well done|bravo|magnifique|génial|' +
    'genial|parfait|großartig|grossartig|wunderbar|klasse|perfecto|maravilloso|estupendo|fantástico|fantastico|ótimo|otimo|' +
    String.raw`maravilha|perfeito)\b`,
  'iu',
);

/** A cost: an amount of money beside a bill, charge or fee. */
const AMOUNT = /(?:[£$€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|eur\b|euros?\b|dollars?\b|pounds?\b|quid\b))/iu;
const CHARGE =
  /\b(?:bill|charge[sd]?|fee|fees|fine|invoice|surcharge|price rise|rechnung|gebühr|facture|frais|factura|cargo|cobro|fatura|cobrança)\b/iu;

/** A failure in plain words, English and the four scored languages. */
const FAILURE = new RegExp(
  String.raw`\b(?:came (?:away|off|apart)|fell (?:apart|off|to bits|to pieces)|broke|broken|snapped|ripped|split open|` +
    String.raw`stopped working|gave up|died on me|leak(?:ed|ing|s)?|cancell?ed|delayed|stranded|one (?:\w+ )?bar|no bars|zero bars|` +
    String.raw`no signal|on the (?:\w+ )?floor|never (?:arrived|came|turned up)|overcharged|charged twice|double charged|crashed|` +
    'faulty|kaputt|ausgefallen|verspätet|cassée?s?|annulée?s?|en retard|roto|rota|cancelado|retrasado|quebrad[oa]|' +
    String.raw`atrasad[oa])\b`,
  'iu',
);

/** A repair or refund named in the mention: the praise is for it. */
const FIXED = new RegExp(
  String.raw`\b(?:fixed|sorted|repaired|replaced|resolved|refunded|refund|back up|working again|no longer|behoben|repariert|` +
    String.raw`réparée?|remboursée?|arreglad[oa]|reembols|consertad[oa])\b`,
  'iu',
);

export function isMockPraise(text: string): boolean {
  if (!STRONG_PRAISE.test(text) || FIXED.test(text)) return false;
  return FAILURE.test(text) || (AMOUNT.test(text) && CHARGE.test(text));
}

/** Units an amount is counted in, folded so "Mbps" and "Mb" compare. */
const UNIT_AMOUNT = new RegExp(
  String.raw`(?:([£$€])\s?(\d[\d,.]*)|(\d[\d,.]*)\s?(€|eur\b|euros?\b|mbps\b|mb\/s\b|mbit\/s\b|mb\b|mbit\b|gbps\b|gb\b|tb\b|kg\b|` +
    String.raw`kwh\b|mins?\b|minutes?\b|hours?\b|hrs?\b|days?\b|seats?\b|licen[cs]es?\b|users?\b|items?\b))`,
  'giu',
);

const FOLD: Readonly<Record<string, string>> = {
  euros: '€',
  euro: '€',
  eur: '€',
  mbps: 'mb',
  'mb/s': 'mb',
  'mbit/s': 'mb',
  mbit: 'mb',
  gbps: 'gb',
  min: 'min',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  hour: 'h',
  hours: 'h',
  hr: 'h',
  hrs: 'h',
  day: 'd',
  days: 'd',
  seat: 'seat',
  seats: 'seat',
  licence: 'licence',
  licences: 'licence',
  license: 'licence',
  licenses: 'licence',
  user: 'user',
  users: 'user',
  item: 'item',
  items: 'item',
};

/** Paid for, promised or usual against what came: these words tie the two amounts together. */
const CONTRAST = new RegExp(
  String.raw`\b(?:but|only|show(?:s|ed|ing)?|instead of|rather than|while|whereas|yet|versus|vs|against|package|plan|promised|` +
    'paid for|supposed to|should be|usual(?:ly)?|normally|reduced to|billed for|charged for|alors que|au lieu de|seulement|' +
    String.raw`pourtant|aber|statt|anstatt|nur|obwohl|pero|en vez de|solo|sólo|mientras|mas|em vez de|apenas|enquanto)\b`,
  'iu',
);

function amountValue(raw: string): number {
  return Number(raw.replace(/[,](?=\d{3}\b)/g, '').replace(',', '.'));
}

export function isAmountContrast(text: string): boolean {
  // "Is the £30 plan better than the £15 one?" compares before buying: a question, not a report.
  if (/\?\s*$/u.test(text)) return false;
  const seen = new Map<string, Set<number>>();
  for (const m of text.matchAll(UNIT_AMOUNT)) {
    const unitRaw = (m[1] ?? m[4] ?? '').toLowerCase();
    const unit = FOLD[unitRaw] ?? unitRaw;
    const value = amountValue(m[2] ?? m[3] ?? '');
    if (!Number.isFinite(value) || value === 0) continue;
    const values = seen.get(unit) ?? new Set<number>();
    values.add(value);
    seen.set(unit, values);
  }
  for (const values of seen.values()) {
    if (values.size < 2) continue;
    const list = [...values];
    // Amounts of the same unit that differ by half or more, tied by a contrast word.
    if (Math.max(...list) >= 1.5 * Math.min(...list) && CONTRAST.test(text)) return true;
  }
  return false;
}
