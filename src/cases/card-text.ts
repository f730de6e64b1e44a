import type { CaseView } from '../ports.js';
import { HARM_LABELS, isHarmId } from '../scoring/harm/categories.js';
import { formatFollowers } from '../scoring/index.js';
import { chipsText, triageChips } from './card-model.js';
import { formatDuration } from '../sla/status.js';

/**
 * The words on a case card, shared by every chat platform so Slack and Teams never say different
 * things. Each platform supplies its markup dialect (Slack mrkdwn, Teams markdown).
 */
export interface Markup {
  bold(text: string): string;
  /** Escapes customer-supplied text for the dialect. */
  escape(text: string): string;
  date(date: Date): string;
  link(url: string, label: string): string;
  /** How the case's owner is shown (Slack renders its own users as mentions). */
  owner(owner: NonNullable<CaseView['owner']>): string;
}

/** How a card marks a case that arrived privately: there is no public thread, every reply is private. */
export const PRIVATE_NOTE = '🔒 private: replies are sent privately';

export function authorText(view: CaseView, m: Markup): string {
  const a = view.author;
  const who =
    a.name && a.handle
      ? `${m.bold(m.escape(a.name))} (@${m.escape(a.handle)})`
      : a.handle
        ? m.bold(`@${m.escape(a.handle)}`)
        : a.name
          ? m.bold(m.escape(a.name))
          : m.bold('unknown author');
  const bits = [who];
  if (a.followers !== null && a.followers !== undefined) bits.push(`${formatFollowers(a.followers)} followers`);
  if (a.verified) bits.push('✔︎ verified');
  // docs/CONTRACT.md §5: where a source has no public reply (DMs, e-mail), the card says Reply goes privately.
  if (view.isPrivate) bits.push(PRIVATE_NOTE);
  return bits.join(' · ');
}

export function slaText(view: CaseView, m: Markup): string {
  const sla = view.sla;
  const what = sla.target === 'first_response' ? 'First response' : 'Resolution';
  const due = m.date(sla.dueAt);
  switch (sla.phase) {
    case 'ok':
      return `⏱ ${what} due ${due} (${formatDuration(sla.remainingMs)} left)`;
    case 'at_risk':
      return `⚠️ ${m.bold(`${what} due soon`)}: ${due} (${formatDuration(sla.remainingMs)} left)`;
    case 'breached':
      return `🚨 ${m.bold(`${what} overdue`)} since ${due} (${formatDuration(-sla.remainingMs)} ago)`;
    case 'met':
      return `✅ ${what} within SLA`;
    case 'missed':
      return `⌛ ${what} missed the SLA`;
  }
}

export function replyText(view: CaseView, m: Markup): string | null {
  const r = view.lastReply;
  if (!r) return null;
  const what = r.mode === 'public' ? 'Reply' : 'Private message';
  switch (r.status) {
    case 'pending':
    case 'sending':
      return `📤 ${what} sending…`;
    case 'done':
      return r.link ? `📨 ${what} sent: ${m.link(r.link, 'view it')}` : `📨 ${what} sent`;
    case 'failed': {
      const error = r.error ? `: ${m.escape(r.error.length > 300 ? `${r.error.slice(0, 299)}…` : r.error)}` : '';
      return `⚠️ ${m.bold(`${what} not delivered`)}${error}`;
    }
    case 'uncertain':
      return `❓ ${m.bold(`${what} delivery uncertain — check and retry`)}`;
  }
}

/** What the source allows now (a messaging window, a token problem), when it says anything. */
export function sourceNoteText(view: CaseView, m: Markup): string | null {
  const note = view.sourceNote;
  if (!note || view.state !== 'open') return null;
  // A platform's words may be quoted in it: bounded, so the card stays within its limits.
  const text = note.text.length > 400 ? `${note.text.slice(0, 399)}…` : note.text;
  return `${m.escape(text)}${note.until ? ` (${m.date(note.until)})` : ''}`;
}

/** Owner, answer and resolution on one line; the reply's fate and the source's note on the next. */
export function statusText(view: CaseView, m: Markup, lineBreak = '\n'): string {
  const parts = [view.owner ? `👤 Owner: ${m.owner(view.owner)}` : '👤 Unassigned'];
  if (view.firstResponseAt)
    parts.push(`💬 Answered${view.firstResponseVia === 'outside' ? ' outside Klaxon' : ''} ${m.date(view.firstResponseAt)}`);
  if (view.state === 'resolved')
    parts.push(
      `✅ Resolved${view.resolvedBy ? ` by ${m.escape(view.resolvedBy)}` : ''}${view.resolvedAt ? ` ${m.date(view.resolvedAt)}` : ''}`,
    );
  const lines = [parts.join('  ·  '), replyText(view, m), sourceNoteText(view, m)].filter((l): l is string => l !== null);
  return lines.join(lineBreak);
}

/**
 * What the card says when a public reply cannot go out on a public source (an X post that neither
 * mentions nor quotes the brand): Reply is left out, and this says why and what is possible. A
 * private case says so in its author line (PRIVATE_NOTE): Reply stays and answers privately.
 */
export function replyCapabilityText(view: CaseView, m: Markup): string | null {
  if (view.publicReply.possible || view.isPrivate || view.state !== 'open') return null;
  const why = view.publicReply.why ? `: ${m.escape(view.publicReply.why)}` : '';
  return `🚫 ${m.bold('No public reply')}${why}. Move to DM reaches them if they accept direct messages; or mention them in a new post.`;
}

/**
 * The AI triage line of a card, marked as AI so nobody takes it for the local score: the model's
 * one-line reason (escaped: a model's words are untrusted like a customer's), what it read, and
 * how the priority moved.
 */
export function aiTriageText(view: CaseView, m: Markup): string | null {
  const ai = view.ai;
  if (!ai) return null;
  // The core's own words for the category, as on the harm line (a stored answer naming no known id shows none).
  const category = isHarmId(ai.category) ? HARM_LABELS[ai.category] : '';
  const read = [category, ai.intent, ai.language && ai.language !== 'und' ? ai.language : ''].filter(Boolean).join(' · ');
  const moved = ai.from === ai.to ? `kept ${ai.to}` : `${ai.from} → ${ai.to}`;
  const reason = ai.reason.length > 200 ? `${ai.reason.slice(0, 199)}…` : ai.reason;
  return `🤖 ${m.bold('AI')} (${m.escape(ai.model)}): ${m.escape(reason)}${read ? ` · ${m.escape(read)}` : ''} · ${moved}`;
}

/**
 * The triage line: the harm categories in plain words, the language (and whether the text was
 * read), what the customer wants, and "no action" (the card model's chips). Null when there is nothing to say.
 */
export function triageText(view: CaseView, m: Markup): string | null {
  return chipsText(triageChips(view), m);
}

/** The guidance note for the agent; it is never sent to the customer, and the card says so. */
export function guidanceText(view: CaseView, m: Markup): string | null {
  const g = view.guidance?.trim();
  if (!g) return null;
  const note = g.length > 1200 ? `${g.slice(0, 1199)}…` : g;
  return `🛟 ${m.bold('Guidance for the agent')} (not sent to the customer): ${m.escape(note)}`;
}

/** Runs of blank lines shown as one: a message of a thousand newlines must not fill a card (its words show, not whitespace). */
export function collapseBlankLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+\n/g, '\n\n')
    .trim();
}
