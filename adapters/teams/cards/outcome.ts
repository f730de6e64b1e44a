import { EXPORT_LINK_TTL_MS } from '../../../src/export/download.js';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { queueSpan } from '../../../src/commands/queue-page.js';
import type { CommandOutcome } from '../../../src/commands/run.js';
import type { CaseView } from '../../../src/ports.js';
import type { SlaOverview } from '../../../src/reports/sla-overview.js';
import { formatDuration } from '../../../src/sla/status.js';
import { VERB } from '../verbs.js';
import {
  actionSet,
  adaptiveCard,
  banner,
  cardDate,
  container,
  execute,
  factSet,
  openUrl,
  plainText,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardElement,
} from './elements.js';
import { reportCard } from './report.js';

/** What a command answers with: a card, or a line of text. */
export type TeamsReply = { card: AdaptiveCard; text?: undefined } | { text: string; card?: undefined };

/** Queue and SLA lists stay short: a Teams message has a size limit and people scan, not read. */
const MAX_LISTED = 15;

function slaShort(v: CaseView): string {
  switch (v.sla.phase) {
    case 'breached':
      return `🚨 overdue ${formatDuration(-v.sla.remainingMs)}`;
    case 'at_risk':
      return `⚠️ ${formatDuration(v.sla.remainingMs)} left`;
    case 'ok':
      return `⏱ ${formatDuration(v.sla.remainingMs)} left`;
    default:
      return '✅ answered';
  }
}

/** One case per row, as in `queue` and `sla`: priority, ref, who, SLA time left, owner, why. */
export function caseRow(v: CaseView): CardElement {
  const who = v.author.handle ? `@${v.author.handle}` : (v.author.name ?? 'customer');
  const owner = v.owner ? (v.owner.name ?? v.owner.id) : 'unassigned';
  return container(
    [
      plainText([{ text: `${PRIORITY_EMOJI[v.priority]} ${v.ref} `, weight: 'Bolder' }, `${v.source} ${who} · ${slaShort(v)} · ${owner}`]),
      plainText({
        text: `${truncate(v.reasons.slice(0, 3).join(' · '), 120)} — ${truncate(v.text.replace(/\s+/g, ' '), 90)}`,
        size: 'Small',
        isSubtle: true,
      }),
    ],
    { spacing: 'Small' },
  );
}

function list(title: string, views: readonly CaseView[], total: number): CardElement[] {
  const out = [
    plainText([
      { text: title, weight: 'Bolder' },
      ` (${total}${total > views.length ? `, showing ${Math.min(views.length, MAX_LISTED)}` : ''})`,
    ]),
  ];
  out.push(...views.slice(0, MAX_LISTED).map(caseRow));
  return out;
}

/** A page of `queue`, with where it sits in the list and how to ask for the next one. */
function queuePage(outcome: Extract<CommandOutcome, { kind: 'queue' }>): CardElement[] {
  const { page, range, next } = queueSpan(outcome);
  const out = [plainText([{ text: outcome.title, weight: 'Bolder' }, ` (${outcome.total}${range})`])];
  out.push(...outcome.views.map(caseRow));
  if (next > 0) {
    const filter = outcome.filter && outcome.filter !== 'all' ? `${outcome.filter.toLowerCase()} ` : '';
    const command = { text: `@Klaxon queue ${filter}${page + 1}`, fontType: 'Monospace' };
    out.push(plainText([`For the next ${next}: `, command], { size: 'Small', isSubtle: true }));
  }
  return out;
}

const minutes = (m: number): string => formatDuration(m * 60_000);

/** `sla`: the policies, then the cases in breach and at risk, most urgent first. */
export function slaCard(overview: SlaOverview): AdaptiveCard {
  const policies = overview.policies.map((p): [string, string] => [
    `${PRIORITY_EMOJI[p.priority]} ${p.priority}`,
    `first response ${minutes(p.firstResponseMinutes)} · resolution ${minutes(p.resolutionMinutes)} · ` +
      `${p.calendar ? `business hours (${p.calendar}${p.timeZone ? `, ${p.timeZone}` : ''})` : '24x7'}`,
  ]);
  const body: CardElement[] = [
    textBlock('⏱ **SLA policies and cases**', { size: 'Medium' }),
    factSet(policies),
    textBlock(
      `A case is at risk once ${Math.round(overview.warnAt * 100)}% of its target has passed. ` +
        `Cases are judged on first response until answered, then on resolution.`,
      { size: 'Small', isSubtle: true },
    ),
  ];
  if (overview.breachedTotal === 0 && overview.atRiskTotal === 0)
    body.push(textBlock('✅ No open case is at risk or in breach.', { separator: true }));
  if (overview.breachedTotal > 0) body.push(...list('🚨 In breach', overview.breached, overview.breachedTotal));
  if (overview.atRiskTotal > 0) body.push(...list('⚠️ At risk', overview.atRisk, overview.atRiskTotal));
  return adaptiveCard(body, { fallbackText: `SLA: ${overview.breachedTotal} in breach, ${overview.atRiskTotal} at risk` });
}

/** Renders a command's outcome for Teams (the same outcomes Slack renders as Block Kit). */
export function renderOutcome(outcome: CommandOutcome): TeamsReply {
  switch (outcome.kind) {
    case 'help': {
      const body: CardElement[] = [];
      if (outcome.error) body.push(banner(`⚠️ ${truncate(outcome.error, 500)}`));
      body.push(textBlock(outcome.error ? '**Usage:** `@Klaxon <command>`' : '**Klaxon commands** — `@Klaxon <command>`'));
      body.push(factSet(outcome.lines.map((l) => [l.split(' — ')[0] ?? l, l.split(' — ')[1] ?? ''])));
      return { card: adaptiveCard(body, { fallbackText: outcome.error ?? 'Klaxon commands' }) };
    }
    case 'text':
      return { text: outcome.text };
    case 'queue':
      if (outcome.total === 0) return { text: `${outcome.title}: none. 🎉` };
      if (outcome.views.length === 0) return { text: `${outcome.title}: there is no page ${outcome.page ?? 1} (${outcome.total} cases).` };
      return { card: adaptiveCard(queuePage(outcome), { fallbackText: `${outcome.title}: ${outcome.total}` }) };
    case 'report':
      return { card: reportCard(outcome.report) };
    case 'export': {
      const what =
        `the ${outcome.rows === 1 ? 'case' : `${outcome.rows} cases`} opened in the last ` +
        `${outcome.spec === '24h' ? '24 hours' : outcome.spec === '7d' ? '7 days' : '30 days'}`;
      // Teams cannot take a file from a bot in a channel: a signed link to Klaxon's own server instead.
      if (!outcome.link)
        return {
          text:
            `I cannot give you a download link for ${what}: PUBLIC_URL is not set. An admin sets it to the address people reach ` +
            `Klaxon at (for example https://klaxon.example.com); then ask again.`,
        };
      return {
        card: adaptiveCard(
          [
            plainText(`📎 ${what}, as CSV (${outcome.filename}).`),
            plainText(
              `The link works for ${EXPORT_LINK_TTL_MS / 60_000} minutes; anyone who has it can download the file, so do not forward it.`,
              { size: 'Small', isSubtle: true },
            ),
          ],
          {
            actions: [openUrl('Download CSV', outcome.link)],
            fallbackText: `Download ${outcome.filename}`,
          },
        ),
      };
    }
    case 'sla':
      return { card: slaCard(outcome.overview) };
    case 'history': {
      const rows = outcome.events.slice(-40).map((e) =>
        plainText([`${e.kind.replace(/_/g, ' ')} `, { text: `by ${e.actorName ?? e.actor} (${e.platform})`, isSubtle: true }], {
          spacing: 'None',
        }),
      );
      const when = outcome.events.slice(-40).map((e) => textBlock(cardDate(e.at), { size: 'Small', isSubtle: true, spacing: 'Small' }));
      const body: CardElement[] = [textBlock(`**History of ${outcome.ref}**`)];
      rows.forEach((row, i) => {
        body.push(when[i]!, row);
      });
      return { card: adaptiveCard(body, { fallbackText: `History of ${outcome.ref}` }) };
    }
    case 'vips':
      return {
        text: outcome.list.length
          ? `VIPs: ${outcome.list.map((v) => `@${v.handle}`).join(', ')}`
          : 'No VIPs yet. Add one with `@Klaxon vip add @handle`.',
      };
    case 'privacy_blocked':
      return {
        card: adaptiveCard(
          [
            banner('🔒 Not sent.'),
            plainText(truncate(outcome.message, 1000)),
            actionSet([
              execute('Send as DM instead', VERB.replyAsDm, { caseId: outcome.caseId, draftKey: outcome.draftKey }, { style: 'positive' }),
            ]),
          ],
          {
            fallbackText: outcome.message,
          },
        ),
      };
  }
}
