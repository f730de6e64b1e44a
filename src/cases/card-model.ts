import type { Priority } from '../domain/priority.js';
import type { CaseView } from '../ports.js';
import { formatFollowers, INTENT_LABELS, type Intent } from '../scoring/index.js';
import { ACTION_LABELS, PRIORITY_EMOJI, caseActions, type CaseAction } from './actions.js';
import type { Markup } from './card-text.js';

/**
 * A case card as Slack and Teams both show it, without any platform's markup: what its title,
 * storm lines, "Why Pn" line, triage chips and buttons say. Each adapter renders this model in its
 * own dialect (Block Kit, Adaptive Cards) and decides only how it looks, never what it says.
 */
export interface CaseCardModel {
  caseId: number;
  priority: Priority;
  title: CardTitle;
  /** Set on a case merged into a storm: the line that points to it. */
  mergedNote: string | null;
  storm: StormLines | null;
  why: WhyLine;
  chips: TriageChip[];
  /** The buttons this case offers whoever sees the card (permissions are checked when one is pressed). */
  buttons: CardButton[];
}

/** `🔴 P1 · K-12 · twitter · resolved · 3 messages`: the source is outside text, each renderer escapes or cuts it. */
export interface CardTitle {
  emoji: string;
  /** Priority and reference, which renderers may set in bold. */
  head: string;
  source: string;
  /** `resolved`, `3 messages`: each shown after ` · `. */
  flags: string[];
}

export interface StormLines {
  mentions: number;
  /** The storm's reach, formatted (`12.3K`). */
  reach: string;
  samples: { handle: string | null; followers: string | null; text: string }[];
}

/** `Why P1 (score 74): VIP · refund`: the label is Klaxon's, the reasons are the scorer's words. */
export interface WhyLine {
  label: string;
  score: number;
  reasons: string;
}

/**
 * One part of the triage line. `outside` is text that came from outside Klaxon (a harm label from
 * config, a language name), escaped by the renderer; `own` is Klaxon's words around it.
 */
export interface TriageChip {
  icon: string;
  outside: string | null;
  own: string;
  strong: boolean;
}

export type CardButtonKind = CardButton['kind'];

interface ButtonBase {
  label: string;
  /** `primary` for the one thing to do first (Claim on an unowned case), `danger` for Escalate. */
  style: 'primary' | 'danger' | null;
}

/** A card button; Retry reply names the reply it sends again. */
export type CardButton = (ButtonBase & { kind: CaseAction | 'full_text' }) | (ButtonBase & { kind: 'retry_reply'; outboxId: number });

function title(view: CaseView): CardTitle {
  const flags = [...(view.state === 'resolved' ? ['resolved'] : []), ...(view.mentionCount > 1 ? [`${view.mentionCount} messages`] : [])];
  return { emoji: PRIORITY_EMOJI[view.priority], head: `${view.priority} · ${view.ref}`, source: view.source, flags };
}

function storm(view: CaseView): StormLines | null {
  if (!view.incident) return null;
  const samples = view.incident.samples.map((m) => ({
    handle: m.handle ?? null,
    followers: m.followers ? formatFollowers(m.followers) : null,
    text: m.text.replace(/\s+/g, ' '),
  }));
  return { mentions: view.mentionCount, reach: formatFollowers(view.reach), samples };
}

/** Harm in plain words, the language (and whether its text was read), what the customer wants, "no action". */
export function triageChips(view: CaseView): TriageChip[] {
  const chips: TriageChip[] = [];
  if (view.harm && view.harm.length > 0)
    chips.push({ icon: '⚠️', outside: view.harm.map((h) => h.label).join(' · '), own: '', strong: true });
  const lang = view.language;
  if (lang && (lang.code !== 'en' || !lang.scored))
    chips.push({ icon: '🌐', outside: lang.name, own: lang.scored ? '' : ' — not scored on text', strong: false });
  // A complaint is the default and needs no label.
  const intent = view.intent && view.intent !== 'complaint' ? INTENT_LABELS[view.intent as Intent] : undefined;
  if (intent) chips.push({ icon: '💬', outside: intent, own: '', strong: false });
  if (view.actionable === false) chips.push({ icon: '🚫', outside: null, own: 'no action', strong: false });
  return chips;
}

/** The card's buttons (docs/CONTRACT.md §5), then Retry reply and Show full text where they apply. */
export function cardButtons(view: CaseView, textCut: boolean): CardButton[] {
  const buttons: CardButton[] = caseActions(view).map(
    (kind): CardButton => ({
      kind,
      label: ACTION_LABELS[kind],
      style: kind === 'claim' && !view.owner ? 'primary' : kind === 'escalate' ? 'danger' : null,
    }),
  );
  const reply = view.lastReply;
  if (reply && (reply.status === 'failed' || reply.status === 'uncertain'))
    buttons.push({ kind: 'retry_reply', label: 'Retry reply', style: null, outboxId: reply.outboxId });
  if (textCut) buttons.push({ kind: 'full_text', label: 'Show full text', style: null });
  return buttons;
}

/** The card model of a case; `textCut` says whether the renderer shows less than the whole text (then it offers it). */
export function caseCardModel(view: CaseView, opts: { textCut: boolean }): CaseCardModel {
  return {
    caseId: view.id,
    priority: view.priority,
    title: title(view),
    mergedNote: view.mergedInto ? `🌪 Merged into storm K-${view.mergedInto}` : null,
    storm: storm(view),
    why: { label: `Why ${view.priority}`, score: view.score, reasons: view.reasons.join(' · ') || 'no strong signal' },
    chips: triageChips(view),
    buttons: cardButtons(view, opts.textCut),
  };
}

/** The title's flags as they follow the source. */
export const titleFlags = (t: CardTitle): string => t.flags.map((f) => ` · ${f}`).join('');

/** `🌪 Storm: 40 mentions · reach 1.2M`, in a platform's markup. */
export const stormHeadingText = (s: StormLines, m: Markup): string => `🌪 ${m.bold(`Storm: ${s.mentions} mentions`)} · reach ${s.reach}`;

/** Who wrote a storm sample: `@handle (12K)`, or `someone`; `outside` escapes (and may cut) the handle for the renderer. */
export function sampleAuthor(sample: StormLines['samples'][number], outside: (handle: string) => string = (h) => h): string {
  return `${sample.handle ? `@${outside(sample.handle)}` : 'someone'}${sample.followers ? ` (${sample.followers})` : ''}`;
}

/** The triage chips on one line, in a platform's markup; null when there is nothing to say. */
export function chipsText(chips: readonly TriageChip[], m: Markup): string | null {
  if (chips.length === 0) return null;
  const one = (c: TriageChip) =>
    `${c.icon} ${c.outside === null ? '' : c.strong ? m.bold(m.escape(c.outside)) : m.escape(c.outside)}${c.own}`;
  return chips.map(one).join('  ·  ');
}
