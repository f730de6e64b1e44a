/**
 * Finds harm categories in a text: concepts (concepts.ts) combined by rules (rules.ts), with
 * negation ("no longer smells of gas"), conditional questions ("what do I do if I smell gas?")
 * and resolution ("the leak was fixed, thanks") taken into account. Pure and cheap: texts with no
 * harm concept cost a lemma and an index lookup per word.
 */
import { isBreak } from '../text/tokenize.js';
import type { HarmId } from './categories.js';
import { CONTEXT_CONCEPTS, type ConceptHit, type ConceptReading, type ContextNeeds } from './concepts.js';
import { HARM_RULES, type HarmRule } from './rules.js';

export interface HarmFinding {
  id: HarmId;
  /** What triggered it, in plain words ("gas"), or null. */
  cue: string | null;
  /** 0..1. */
  evidence: number;
}

export interface HarmContext {
  /** The text is otherwise a complaint (some rules need one: vulnerability alone is not a problem). */
  complaint: boolean;
  /** The text reads as plain praise (warm, no problem named). */
  praise?: boolean;
}

/**
 * Categories a problem can be over for: "fixed", "sorted", "all fine now" end them, unless the
 * text also says it is still or again happening. A threat, a crisis, a lawyer or a journalist is
 * not undone by a fix.
 */
const RESOLVABLE: ReadonlySet<HarmId> = new Set(['safety', 'medical', 'fraud', 'vulnerable', 'privacy', 'essential_service']);
/** In a conditional question these are information requests, not reports. */
const HYPOTHETICAL_IGNORED: ReadonlySet<HarmId> = RESOLVABLE;

/**
 * In a question about how things work ("can I pay someone else's bill?", "do you share my data
 * with third parties?") these are information requests, not reports. A "why" question or a
 * statement is not one of these.
 */
const PROCEDURAL_IGNORED: ReadonlySet<HarmId> = new Set(['fraud', 'privacy', 'vulnerable', 'legal', 'regulator', 'press']);
const ASKER = new Set(['i', 'we', 'you', 'u', 'someone', 'somebody', 'they', 'my', 'your', 'it', 'there', 'this', 'that']);
const PROCEDURAL_START: ReadonlyMap<string, ReadonlySet<string> | null> = new Map(
  Object.entries({
    can: new Set(['i', 'we', 'someone', 'somebody', 'my']),
    could: new Set(['i', 'we', 'someone', 'somebody', 'my']),
    may: new Set(['i', 'we']),
    should: new Set(['i', 'we']),
    am: new Set(['i']),
    do: ASKER,
    does: ASKER,
    is: ASKER,
    are: ASKER,
    will: ASKER,
    would: ASKER,
    how: new Set(['do', 'does', 'can', 'should', 'would', 'will', 'long', 'much', 'often', 'many', 'to', 'is', 'are']),
    where: null,
    which: null,
    what: new Set(['happens', 'do', 'does', 'is', 'are', 'if', 'should', 'can', 'information', 'data', 'details']),
    when: new Set(['do', 'does', 'will', 'can', 'is', 'are', 'should']),
  }),
);

/** True when the clause holding word `i` opens like a question about how things work. */
function proceduralAt(words: readonly string[], i: number): boolean {
  let k = Math.min(i, words.length - 1);
  while (k > 0 && !isBreak(words[k - 1]!)) k--;
  const first = words[k];
  const next = first === undefined ? undefined : PROCEDURAL_START.get(first);
  if (next === undefined) return false;
  return next === null || next.has(words[k + 1] ?? '');
}

/** Surface words (not lemmas: tense matters here) that report a problem solved. */
const RESOLVED_WORDS: ReadonlySet<string> = new Set([
  'fixed',
  'sorted',
  'resolved',
  'repaired',
  'restored',
  'solved',
  'refunded',
  'reimbursed',
  'reconnected',
]);
const RESOLVED_PHRASES: readonly (readonly string[])[] = [
  ['back', 'on'],
  ['back', 'online'],
  ['working', 'again'],
  ['works', 'again'],
  ['fine', 'now'],
  ['ok', 'now'],
  ['okay', 'now'],
  ['all', 'good'],
  ['up', 'and', 'running'],
  ['gone', 'now'],
  ['no', 'problem', 'now'],
];
/** Before a resolved word these make it a wish, a promise or a denial, not a fact ("will be fixed"). */
const NOT_A_FACT: ReadonlySet<string> = new Set([
  'will',
  'to',
  'get',
  'gets',
  'until',
  'unless',
  'when',
  'please',
  'should',
  'must',
  'need',
  'needs',
  'cant',
  'cannot',
  'not',
  'never',
  'isnt',
  'hasnt',
  'havent',
  'wasnt',
  'werent',
  'no',
  'nobody',
  'wont',
  'didnt',
  'doesnt',
  'dont',
  'supposedly',
  'apparently',
  'meant',
  'supposed',
  'said',
  'claims',
  'claimed',
  'marked',
  'says',
  'yet',
  'if',
  'hopefully',
  'hope',
  'promised',
  'expect',
]);
/** A problem still happening, which a "fixed" elsewhere in the text does not end. */
const STILL_WORDS: ReadonlySet<string> = new Set(['still', 'again', 'keeps', 'keep', 'continues', 'ongoing', 'anymore', 'yet']);

function resolvedAt(words: readonly string[], i: number): boolean {
  const w = words[i]!;
  let hit = RESOLVED_WORDS.has(w);
  for (const p of RESOLVED_PHRASES) {
    if (hit) break;
    if (p[0] !== w) continue;
    hit = true;
    for (let k = 1; k < p.length; k++) if (words[i + k] !== p[k]) hit = false;
  }
  if (!hit) return false;
  // "was fixed" and "has been sorted" are facts; "will be fixed" and "hasn't been fixed" are not.
  for (let d = 1; d <= 3 && i - d >= 0; d++) {
    const before = words[i - d]!;
    if (isBreak(before)) break;
    if (NOT_A_FACT.has(before)) return false;
  }
  return true;
}

/** True when the text reports the problem solved and nothing says it is still going on. */
function isResolved(words: readonly string[]): boolean {
  let resolved = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (STILL_WORDS.has(w)) return false;
    if (!resolved && resolvedAt(words, i)) resolved = true;
  }
  return resolved;
}

interface Requirement {
  concept: string;
  negation: 'no' | 'yes' | 'any';
  window: number;
}

const parsed = new WeakMap<HarmRule, Requirement[]>();

function requirements(rule: HarmRule): Requirement[] {
  let reqs = parsed.get(rule);
  if (!reqs) {
    reqs = rule.all.map((raw) => {
      let s = raw;
      let negation: Requirement['negation'] = 'no';
      if (s.startsWith('!')) {
        negation = 'yes';
        s = s.slice(1);
      } else if (s.startsWith('~')) {
        negation = 'any';
        s = s.slice(1);
      }
      const at = s.indexOf('@');
      const window = at > 0 ? Number(s.slice(at + 1)) : rule.window;
      return { concept: at > 0 ? s.slice(0, at) : s, negation, window };
    });
    parsed.set(rule, reqs);
  }
  return reqs;
}

let byFirst: Map<string, number[]> | undefined;
/** The rules anchored on a present concept, in rule order (rule order decides the categories' order). */
function candidateRules(reading: ConceptReading): HarmRule[] {
  if (!byFirst) {
    byFirst = new Map();
    HARM_RULES.forEach((rule, index) => {
      const first = requirements(rule)[0]!.concept;
      const list = byFirst!.get(first) ?? [];
      list.push(index);
      byFirst!.set(first, list);
    });
  }
  const indexes: number[] = [];
  for (const concept of reading.byConcept.keys()) for (const k of byFirst.get(concept) ?? []) indexes.push(k);
  indexes.sort((a, b) => a - b);
  return indexes.map((k) => HARM_RULES[k]!);
}

const negationOk = (h: ConceptHit, n: Requirement['negation']): boolean => n === 'any' || (n === 'yes') === h.negated;
/** One hit inside the other: the same words cannot meet two requirements ("bottle of pills" is not also "pills"). */
const overlaps = (a: ConceptHit, b: ConceptHit): boolean =>
  (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
/** Distance in tokens between two hits (0 when they touch or a hit is text-wide). */
function distance(a: ConceptHit, b: ConceptHit): number {
  if (a.start < 0 || b.start < 0) return 0;
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** The anchor hits of the rule that every other requirement can join; empty when it does not apply. */
function matchRule(rule: HarmRule, reading: ConceptReading, ctx: HarmContext): ConceptHit[] | null {
  if (rule.needsComplaint && !ctx.complaint) return null;
  if (rule.notPraise && ctx.praise) return null;
  const reqs = requirements(rule);
  const first = reqs[0]!;
  const anchors = reading.byConcept.get(first.concept);
  if (!anchors) return null;
  for (const a of anchors) {
    if (!negationOk(a, first.negation)) continue;
    if (rule.notQuestion && a.question) continue;
    const chosen: ConceptHit[] = [a];
    let ok = true;
    for (let k = 1; k < reqs.length && ok; k++) {
      const req = reqs[k]!;
      const candidates = reading.byConcept.get(req.concept);
      ok = false;
      if (!candidates) break;
      for (const c of candidates) {
        if (!negationOk(c, req.negation) || distance(a, c) > req.window) continue;
        if (chosen.some((h) => h === c || overlaps(h, c))) continue;
        chosen.push(c);
        ok = true;
        break;
      }
    }
    if (!ok) continue;
    const reach = rule.unlessWindow ?? rule.window;
    if (rule.unless?.some((u) => reading.byConcept.get(u)?.some((h) => distance(a, h) <= reach))) continue;
    return chosen;
  }
  return null;
}

/**
 * The context concepts worth reading for the decisive concepts present: those of every rule whose
 * decisive requirements are all present. (A rule made only of context concepts is never read.)
 */
export const contextNeeds: ContextNeeds = (present) => {
  const out = new Set<string>();
  const index = splitsByConcept();
  for (const concept of present) {
    for (const split of index.get(concept) ?? []) {
      let all = true;
      for (const c of split.decisive) if (!present.has(c)) all = false;
      if (all) for (const c of split.context) out.add(c);
    }
  }
  return out;
};

interface Split {
  decisive: string[];
  context: string[];
}

let splits: Map<string, Split[]> | undefined;
/** Each rule's requirements split into decisive and context concepts, by decisive concept, computed once. */
function splitsByConcept(): Map<string, Split[]> {
  if (splits) return splits;
  splits = new Map();
  for (const rule of HARM_RULES) {
    // A rule's `unless` concepts cancel it; they are never needed for it to fire, so they are
    // read beside its decisive concepts and never count among them.
    const required = requirements(rule).map((r) => r.concept);
    const concepts = [...required, ...(rule.unless ?? [])];
    const split = { decisive: required.filter((c) => !CONTEXT_CONCEPTS.has(c)), context: concepts.filter((c) => CONTEXT_CONCEPTS.has(c)) };
    if (split.context.length === 0) continue;
    for (const c of new Set(split.decisive)) {
      const list = splits.get(c) ?? [];
      list.push(split);
      splits.set(c, list);
    }
  }
  return splits;
}

/** Harm categories in a text already read into concepts (concepts.ts), in rule order, one per category. */
export function detectHarm(
  words: readonly string[],
  reading: ConceptReading,
  ctx: HarmContext,
  extraHits: readonly ConceptHit[] = [],
): HarmFinding[] {
  if (extraHits.length > 0) {
    for (const h of extraHits) {
      const list = reading.byConcept.get(h.concept);
      if (list) list.push(h);
      else reading.byConcept.set(h.concept, [h]);
    }
  }
  if (reading.byConcept.size === 0) return [];
  const out: HarmFinding[] = [];
  const found = new Set<string>();
  let resolved: boolean | undefined;
  for (const rule of candidateRules(reading)) {
    if (found.has(rule.id)) continue;
    const hits = matchRule(rule, reading, ctx);
    if (!hits) continue;
    if (HYPOTHETICAL_IGNORED.has(rule.id) && hits.every((h) => h.hypothetical)) continue;
    if (PROCEDURAL_IGNORED.has(rule.id) && hits.every((h) => h.question && h.start >= 0 && proceduralAt(words, h.start))) continue;
    if (RESOLVABLE.has(rule.id)) {
      resolved ??= isResolved(words);
      if (resolved) continue;
    }
    out.push({ id: rule.id, cue: rule.cue, evidence: rule.weight });
    found.add(rule.id);
  }
  return out;
}
