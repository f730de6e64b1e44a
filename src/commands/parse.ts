import type { HandoffTarget } from '../cases/verbs/handoff.js';
import { parseCaseRef } from '../cases/refs.js';
import { HANDLE_PATTERN } from '../domain/handle.js';
import type { Priority } from '../domain/priority.js';
import type { WindowSpec } from '../reports/metrics.js';

/**
 * The chat command grammar of docs/CONTRACT.md §5, shared by Slack (`/klaxon …`) and Teams
 * (`@Klaxon …`). Platform syntax for people and channels is resolved by the adapter through
 * `resolveTarget`, so this parser never learns Slack or Teams id formats.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'queue'; filter: QueueFilterName /** 1-based */; page: number }
  | { kind: 'claim' | 'release' | 'reopen' | 'history'; caseId: number }
  | { kind: 'reply' | 'dm' | 'note'; caseId: number; text: string }
  | { kind: 'handoff'; caseId: number; to: HandoffTarget; note: string | null }
  | { kind: 'escalate' | 'resolve'; caseId: number; note: string | null }
  | { kind: 'report'; window: WindowSpec; share: boolean /** the cases behind the numbers, as CSV */; csv: boolean }
  | { kind: 'sla' }
  | { kind: 'vip'; action: 'add' | 'remove'; handle: string }
  | { kind: 'vip'; action: 'list' }
  | { kind: 'digest' };

export type QueueFilterName = 'all' | 'mine' | Priority;

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

export const USAGE_LINES = [
  'help — this list',
  'queue [p1|p2|p3|p4|mine] [page] — open cases, highest priority first, with SLA time left (15 a page)',
  'claim K-42 / release K-42 — take or give back ownership',
  'reply K-42 <text> — public reply on the case’s source (privacy-checked)',
  'dm K-42 <text> — move the conversation to a private message',
  'handoff K-42 <@person|#channel> [note] — pass the case on',
  'escalate K-42 [note] — raise to the escalation channel and the on-call lead',
  'resolve K-42 [note] / reopen K-42 — close or reopen',
  'note K-42 <text> — internal note, never sent to the customer',
  'history K-42 — who did what on the case',
  'report [24h|7d|30d] [share] [csv] — response metrics (share: post in the channel; csv: the cases behind them as a file)',
  'sla — SLA policies and the cases at risk or in breach',
  'vip add|remove @handle / vip list — the VIP list',
  'digest — post the executive digest now',
];

const CASE_VERBS = new Set(['claim', 'release', 'reopen', 'history', 'reply', 'dm', 'note', 'handoff', 'escalate', 'resolve']);

function splitFirst(text: string): [string, string] {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space).trim()];
}

export function parseCommand(input: string, resolveTarget: (token: string) => HandoffTarget | null): ParseResult {
  const [verbRaw, rest] = splitFirst(input);
  const verb = verbRaw.toLowerCase();
  if (verb === '' || verb === 'help') return { ok: true, command: { kind: 'help' } };

  if (verb === 'queue') {
    // `queue`, `queue p1`, `queue mine 2`, `queue 3`, `queue p2 page 2`: a filter and a page, in any order.
    let filter: QueueFilterName = 'all';
    let page = 1;
    for (const word of rest.toLowerCase().split(/\s+/).filter(Boolean)) {
      if (word === 'all' || word === 'mine') filter = word;
      else if (/^p[1-4]$/.test(word)) filter = word.toUpperCase() as Priority;
      else if (/^\d{1,4}$/.test(word) && Number(word) >= 1) page = Number(word);
      else if (word !== 'page') return { ok: false, error: `queue takes p1, p2, p3, p4 or mine, and a page number (got "${rest}")` };
    }
    return { ok: true, command: { kind: 'queue', filter, page } };
  }
  if (verb === 'report') {
    const words = rest.toLowerCase().split(/\s+/).filter(Boolean);
    const share = words.includes('share');
    const csv = words.includes('csv');
    const others = words.filter((w) => w !== 'share' && w !== 'csv');
    const window = others[0] ?? '24h';
    if (others.length > 1 || !['24h', '7d', '30d'].includes(window))
      return { ok: false, error: `report takes 24h, 7d or 30d, then share or csv (got "${rest}")` };
    return { ok: true, command: { kind: 'report', window: window as WindowSpec, share, csv } };
  }
  if (verb === 'sla') return { ok: true, command: { kind: 'sla' } };
  if (verb === 'digest') return { ok: true, command: { kind: 'digest' } };
  if (verb === 'vip') {
    const [action, handleRaw] = splitFirst(rest);
    const a = action.toLowerCase();
    if (a === 'list' || a === '') return { ok: true, command: { kind: 'vip', action: 'list' } };
    if (a !== 'add' && a !== 'remove') return { ok: false, error: 'vip takes add @handle, remove @handle or list' };
    const handle = handleRaw.replace(/^@/, '').trim();
    if (!HANDLE_PATTERN.test(handle))
      return { ok: false, error: `vip ${a} needs a handle such as @jane or @jane@mastodon.social (got "${handleRaw}")` };
    return { ok: true, command: { kind: 'vip', action: a, handle } };
  }
  if (!CASE_VERBS.has(verb)) return { ok: false, error: `unknown command "${verbRaw}"` };

  const [refRaw, tail] = splitFirst(rest);
  const caseId = parseCaseRef(refRaw);
  if (caseId === null) return { ok: false, error: `${verb} needs a case reference such as K-42${refRaw ? ` (got "${refRaw}")` : ''}` };
  switch (verb) {
    case 'claim':
    case 'release':
    case 'reopen':
    case 'history':
      return { ok: true, command: { kind: verb, caseId } };
    case 'reply':
    case 'dm':
    case 'note':
      if (!tail) return { ok: false, error: `${verb} ${refRaw} needs the text to send` };
      return { ok: true, command: { kind: verb, caseId, text: tail } };
    case 'escalate':
    case 'resolve':
      return { ok: true, command: { kind: verb, caseId, note: tail || null } };
    case 'handoff': {
      const [targetRaw, note] = splitFirst(tail);
      const to = targetRaw ? resolveTarget(targetRaw) : null;
      if (!to)
        return {
          ok: false,
          error: `handoff ${refRaw} needs a person (@name) or a channel (#channel)${targetRaw ? ` (got "${targetRaw}")` : ''}`,
        };
      return { ok: true, command: { kind: 'handoff', caseId, to, note: note || null } };
    }
    default:
      return { ok: false, error: `unknown command "${verbRaw}"` };
  }
}
