import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { listQueue, type QueueFilter } from '../../../../src/cases/queue.js';
import { PRIORITIES, type Priority } from '../../../../src/domain/priority.js';
import { parseWindow } from '../../../../src/reports/metrics.js';
import { loadReport } from '../../../../src/reports/sql-report.js';
import { countOf, formatPercent } from '../../../../src/reports/format.js';
import { formatDuration } from '../../../../src/sla/status.js';
import { caseLine } from '../../blocks/outcome.js';
import { section } from '../../blocks/text.js';
import type { SlackListenerDeps } from '../../context.js';
import { canRead } from '../../../../src/cases/permissions.js';
import { slackActor } from '../../ids.js';

type EventArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The "Show more" button under a list on the Home tab; its value names the list. */
export const HOME_MORE_ACTION = 'klaxon_home_more';

type HomeList = 'mine' | Priority;
/** How many cases each list shows; kept in the Home view's private_metadata, so it survives "Show more". */
export type HomeShown = Partial<Record<HomeList, number>>;

const STEP = 8;
/** Lines per section: eight case lines stay well inside Slack's 3,000 characters per section. */
const LINES_PER_SECTION = 8;
/** Slack allows 100 blocks in a Home view; the last few are kept for "my week". */
const MAX_LIST_BLOCKS = 92;
const MAX_SHOWN = 200;

export function parseShown(raw: string | undefined): HomeShown {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Record<string, unknown>;
    const out: HomeShown = {};
    for (const key of ['mine', ...PRIORITIES] as const) {
      const n = parsed[key];
      if (typeof n === 'number' && Number.isInteger(n) && n > 0) out[key] = Math.min(n, MAX_SHOWN);
    }
    return out;
  } catch {
    return {};
  }
}

/**
 * App Home: my open cases, the unassigned queue by priority, and my numbers this week — for
 * people who may read cases (permissions.viewers); anyone else sees only why not. Each list shows
 * its first eight cases and a "Show more" button while there are more.
 */
export function homeView(
  deps: SlackListenerDeps,
  userId: string,
  shown: HomeShown = {},
): { blocks: KnownBlock[]; privateMetadata: string } {
  const { db, clock, sla } = deps.cases;
  const now = clock.now();
  const me = `slack:${userId}`;
  if (!canRead(slackActor(userId), deps.cases.permissions)) {
    const refused: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'Klaxon' } },
      section(
        'You are not on the list of people who may read cases and reports, so Klaxon shows you nothing here. ' +
          'Ask a lead to add you to `permissions.viewers` (or `permissions.agents`).',
      ),
    ];
    return { blocks: refused, privateMetadata: '{}' };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Klaxon' } }];
  let budget = MAX_LIST_BLOCKS;

  const list = (key: HomeList, filter: QueueFilter, title: (total: number) => string, empty: string | null): void => {
    const want = shown[key] ?? STEP;
    const { views, total } = listQueue(db, filter, now, sla, want);
    if (total === 0 && empty === null) return;
    const lines = views.map(caseLine);
    const chunks: string[][] = [];
    for (let i = 0; i < lines.length; i += LINES_PER_SECTION) chunks.push(lines.slice(i, i + LINES_PER_SECTION));
    // Within the view's block limit: fewer lines, and the button still offers the rest.
    const room = Math.max(1, budget - 2);
    const kept = chunks.slice(0, room);
    const listed = kept.reduce((n, c) => n + c.length, 0);
    const head = `*${title(total)}*${total > listed && listed > 0 ? ` · showing ${listed}` : ''}`;
    blocks.push(section(`${head}\n${kept[0]?.join('\n') ?? empty ?? ''}`));
    for (const chunk of kept.slice(1)) blocks.push(section(chunk.join('\n')));
    budget -= kept.length || 1;
    if (total > listed && budget > 1) {
      blocks.push({
        type: 'actions',
        block_id: `home_more_${key}`,
        elements: [
          {
            type: 'button',
            action_id: HOME_MORE_ACTION,
            value: key,
            text: { type: 'plain_text', text: `Show ${Math.min(STEP, total - listed)} more` },
          },
        ],
      });
      budget -= 1;
    }
  };

  list('mine', { kind: 'mine', actorId: me }, (n) => `My open cases (${n})`, '_None — claim one from the queue below._');
  blocks.push({ type: 'divider' });
  const unassigned = PRIORITIES.reduce((n, p) => n + listQueue(db, { kind: 'unassigned', priority: p }, now, sla, 0).total, 0);
  blocks.push(section(`*Unassigned queue (${unassigned})*${unassigned === 0 ? '\n_Nothing waiting._' : ''}`));
  for (const p of PRIORITIES) list(p, { kind: 'unassigned', priority: p }, (n) => `${p} (${n})`, null);

  const window = parseWindow('7d', now);
  // The covering index and stored report days, not an object per case: Home opens often.
  const report = loadReport(db, window, now, sla);
  const stats = report.byAgent[me];
  blocks.push({ type: 'divider' });
  blocks.push(
    section(
      stats
        ? `*My week* — ${countOf(stats.actionable, 'case')} · answered ${stats.answered} · 24-hour response rate ` +
            `${formatPercent(stats.responseRate24h)} · FRT median ` +
            `${stats.frtMedianMs === null ? '—' : formatDuration(stats.frtMedianMs)} · SLA attainment ` +
            `${formatPercent(stats.slaAttainment)} · resolved ${stats.resolved}`
        : '*My week* — no cases owned in the last 7 days.',
    ),
  );
  return { blocks: blocks.slice(0, 100), privateMetadata: JSON.stringify(shown) };
}

async function publish(deps: SlackListenerDeps, client: AllMiddlewareArgs['client'], userId: string, shown: HomeShown): Promise<void> {
  const { blocks, privateMetadata } = homeView(deps, userId, shown);
  await client.views.publish({ user_id: userId, view: { type: 'home', blocks, private_metadata: privateMetadata } });
}

export function appHomeOpened(deps: SlackListenerDeps) {
  return async ({ event, client }: EventArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publish(deps, client, event.user, {});
  };
}

/** "Show more" under a Home list: the same Home, that list eight cases longer. */
export function homeMoreAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const key = action.value as HomeList | undefined;
    if (!key || !(['mine', ...PRIORITIES] as string[]).includes(key)) return;
    const shown = parseShown((body.view as { private_metadata?: string } | undefined)?.private_metadata);
    shown[key] = Math.min((shown[key] ?? STEP) + STEP, MAX_SHOWN);
    await publish(deps, client, body.user.id, shown);
  };
}
