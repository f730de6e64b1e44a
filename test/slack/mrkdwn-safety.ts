/**
 * What outside text may and may not become in a Slack payload. Slack reads `<…>` in mrkdwn as
 * its own commands (`<!here>`, `<@U…>`, `<#C…>`, `<url|label>`); only Klaxon may write them, and
 * only these: dates, the mentions it was configured or told to make, and the links it checked.
 */
export interface AllowedCommands {
  /** User ids Klaxon may mention (`<@U…>`): owners and on-call people, from Slack or config. */
  users?: readonly string[];
  /** User-group ids (`<!subteam^S…>`): the on-call group from config. */
  groups?: readonly string[];
  /** Channel ids (`<#C…>`). */
  channels?: readonly string[];
  /** Link targets exactly as written (escaped), each from a checked URL. */
  urls?: readonly string[];
}

/** Every mrkdwn string in a payload (text objects at any depth), and whether each is verbatim. */
export function mrkdwnTexts(payload: unknown): { text: string; verbatim: boolean }[] {
  const out: { text: string; verbatim: boolean }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push({ text: o.text, verbatim: o.verbatim === true });
    for (const v of Object.values(o)) walk(v);
  };
  walk(payload);
  return out;
}

const DATE = /^!date\^\d+\^\{date_short_pretty\} \{time\}\|[0-9: -]+ UTC$/;
const LABELS = /^(Open on [^<>|]*|Open the card)$/;

/**
 * The problems with one mrkdwn string: a `<…>` Klaxon did not make, a raw `&` that is not an
 * escape, an unclosed `<`. An empty list means no outside text can act as a Slack command.
 */
export function commandProblems(text: string, allowed: AllowedCommands): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/&(?!amp;|lt;|gt;)/g)) problems.push(`raw & at ${m.index}`);
  let at = 0;
  for (;;) {
    const open = text.indexOf('<', at);
    if (open < 0) break;
    const close = text.indexOf('>', open);
    const inner = close < 0 ? null : text.slice(open + 1, close);
    if (inner === null || inner.includes('<')) {
      problems.push(`unclosed < at ${open}`);
      break;
    }
    at = close + 1;
    if (DATE.test(inner)) continue;
    if (inner.startsWith('@') && (allowed.users ?? []).includes(inner.slice(1))) continue;
    if (inner.startsWith('!subteam^') && (allowed.groups ?? []).includes(inner.slice('!subteam^'.length))) continue;
    if (inner.startsWith('#') && (allowed.channels ?? []).includes(inner.slice(1))) continue;
    const bar = inner.indexOf('|');
    if (bar > 0 && (allowed.urls ?? []).includes(inner.slice(0, bar)) && LABELS.test(inner.slice(bar + 1))) continue;
    problems.push(`command not made by Klaxon: <${inner.slice(0, 80)}>`);
  }
  return problems;
}

/** Problems across a whole message or view: every mrkdwn text verbatim and free of foreign commands. */
export function payloadProblems(payload: { text?: string; blocks?: unknown; view?: unknown }, allowed: AllowedCommands): string[] {
  const problems: string[] = [];
  if (payload.text !== undefined) problems.push(...commandProblems(payload.text, allowed).map((p) => `text: ${p}`));
  for (const [i, t] of mrkdwnTexts(payload.blocks ?? payload.view).entries()) {
    // verbatim: Slack must not turn bare URLs, #names or @here in customer text into links.
    if (!t.verbatim) problems.push(`mrkdwn ${i} is not verbatim`);
    problems.push(...commandProblems(t.text, allowed).map((p) => `mrkdwn ${i}: ${p}`));
  }
  return problems;
}
