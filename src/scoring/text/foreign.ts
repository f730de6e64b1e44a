/**
 * The reading of a Spanish, French, German or Portuguese text from its hand-made lexicon
 * (harm/lexicon-*.ts): strong complaint words ("Unverschämt", "vergonha"), everyday complaint
 * words ("Erstattung", "no ha llegado") and praise, each undone by a negation ("pas bon" is not
 * praise, "no problem" not a complaint). Coarser than the English model, on the same scales.
 */
import type { ConceptReading } from '../harm/concepts.js';
import { NEUTRAL_PRIOR } from './features.js';
import type { TextAnalysis } from './analyze.js';
import { surfaceSignals } from './analyze.js';
import type { Tokens } from './tokenize.js';

/** VADER's normalisation constant: compound = sum / sqrt(sum² + ALPHA). */
const ALPHA = 4;

function count(reading: ConceptReading, concept: string, negated: boolean): number {
  let n = 0;
  for (const h of reading.byConcept.get(concept) ?? []) if (h.negated === negated) n++;
  return n;
}

export function analyzeForeign(tok: Tokens, reading: ConceptReading): TextAnalysis {
  const strong = count(reading, 'COMPLAINT_STRONG', false);
  const complaint = count(reading, 'COMPLAINT', false) + count(reading, 'SCAM_STRONG', false);
  const praise = count(reading, 'PRAISE', false);
  const deniedPraise = count(reading, 'PRAISE', true);
  const severity = 1 - Math.exp(-(0.5 * complaint + 0.7 * strong));
  // Praise beside a complaint is bitter ("gracias por bloquearme la tarjeta…, genial"): it adds to the complaint.
  const sarcasm = praise > 0 && complaint + strong > 0;
  let sum = (sarcasm ? -1 : 1.5) * praise - 1.2 * complaint - 2.5 * strong - 1.5 * deniedPraise;
  if (sum !== 0) sum += Math.sign(sum) * Math.min(tok.exclamations, 4) * 0.29;
  const compound = sum / Math.sqrt(sum * sum + ALPHA);
  const evidence: Record<string, number> = {};
  if (complaint + strong > 0) evidence['complaint'] = severity;
  return {
    severity,
    sentiment: compound,
    themes: [],
    signals: {
      compound,
      valence: sarcasm
        ? { positive: 0, negative: praise + 1.2 * complaint + 2.5 * strong + 1.5 * deniedPraise }
        : { positive: 1.5 * praise, negative: 1.2 * complaint + 2.5 * strong + 1.5 * deniedPraise },
      learned: {
        negative: compound < 0 ? -compound : NEUTRAL_PRIOR.negative * (1 - compound),
        positive: compound > 0 ? compound : NEUTRAL_PRIOR.positive * (1 + compound),
        serious: severity,
        irony: 0,
      },
      themeEvidence: evidence,
      riskSeverity: 0,
      everyday: 0,
      sarcasm,
      negations: count(reading, 'PRAISE', true) + count(reading, 'COMPLAINT', true),
      ...surfaceSignals(tok),
    },
  };
}
