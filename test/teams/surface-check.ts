import { expect } from 'vitest';
import { linkableUrl } from '../../adapters/teams/cards/elements.js';
import { SENTINEL } from './hostile.js';
import { countedBytes, KLAXON_MESSAGE_BUDGET_BYTES, refuseActivity } from './strict-rules.js';

export interface Allowed {
  /** URLs Klaxon may link: the case's own (checked), a reply's link, its own deep links. */
  urls: (string | null | undefined)[];
  /** Mentions Klaxon wrote on purpose: their text and who they notify. */
  mentions?: { text: string; id: string }[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What must hold for anything Klaxon sends to Teams, whatever came from outside:
 * - the strict connector accepts it, and it is within Klaxon's own 80 KB budget;
 * - no outside text is in markdown (TextBlock, FactSet): it is all in TextRuns, never parsed;
 * - no run carries `<at>` (a mention) or `{{` (a date function); the only mentions are Klaxon's,
 *   with their entity;
 * - every link opens an http(s) URL Klaxon chose (the case's own, checked; a reply's; its deep links).
 */
export function expectAcceptable(activity: Json, allowed: Allowed): void {
  expect(refuseActivity(activity)).toBeNull();
  expect(countedBytes(activity)).toBeLessThanOrEqual(KLAXON_MESSAGE_BUDGET_BYTES);
  const urls = new Set(allowed.urls.map((u) => linkableUrl(u)).filter((u): u is string => u !== null));
  const mentionTexts = new Set((allowed.mentions ?? []).map((m) => m.text));
  const mentionIds = new Set((allowed.mentions ?? []).map((m) => m.id));

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (node.type === 'TextBlock' && typeof node.text === 'string') {
      expect(node.text.toLowerCase()).not.toContain(SENTINEL);
      expect(node.text).not.toContain('](');
      for (const at of node.text.match(/<at>[\s\S]*?<\/at>/gi) ?? []) expect(mentionTexts.has(at)).toBe(true);
    }
    if (node.type === 'FactSet' && Array.isArray(node.facts)) {
      for (const f of node.facts as Json[]) expect(`${String(f.title)} ${String(f.value)}`.toLowerCase()).not.toContain(SENTINEL);
    }
    if (node.type === 'TextRun' && typeof node.text === 'string') {
      expect(node.text).not.toMatch(/<\/?at\b/i);
      expect(node.text).not.toContain('{{');
      expect(node.text).not.toMatch(/[\uE000-\uE00F]/);
      expect(node.text.isWellFormed()).toBe(true);
    }
    if (node.type === 'Action.OpenUrl') expect(urls.has(String(node.url))).toBe(true);
    if (node.type === 'mention' && isObject(node.mentioned)) expect(mentionIds.has(String(node.mentioned.id))).toBe(true);
    for (const value of Object.values(node)) visit(value);
  };
  visit(activity);
  if (typeof activity.text === 'string') expect(activity.textFormat).toBe('plain');
}
