import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { listQueue } from '../../../../src/cases/queue.js';
import { PRIORITIES } from '../../../../src/domain/priority.js';
import { loadCaseFacts } from '../../../../src/reports/load-facts.js';
import { computeReport, parseWindow } from '../../../../src/reports/metrics.js';
import { formatPercent } from '../../../../src/reports/format.js';
import { formatDuration } from '../../../../src/sla/status.js';
import { caseLine } from '../../blocks/outcome.js';
import type { SlackListenerDeps } from '../../context.js';
import { canRead } from '../../../../src/cases/permissions.js';
import { slackActor } from '../../ids.js';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 2990) } };
}

/**
 * App Home: my open cases, the unassigned queue by priority, and my numbers this week — for
 * people who may read cases (permissions.viewers); anyone else sees only why not.
 */
export function homeView(deps: SlackListenerDeps, userId: string): KnownBlock[] {
  const { db, clock, sla } = deps.cases;
  const now = clock.now();
  const me = `slack:${userId}`;
  if (!canRead(slackActor(userId), deps.cases.permissions)) {
    return [
      { type: 'header', text: { type: 'plain_text', text: 'Klaxon' } },
      section('You are not on the list of people who may read cases and reports, so Klaxon shows you nothing here. Ask a lead to add you to `permissions.viewers` (or `permissions.agents`).'),
    ];
  }
  const mine = listQueue(db, { kind: 'mine', actorId: me }, now, sla, 20);
  const all = listQueue(db, { kind: 'all' }, now, sla, 500).views.filter((v) => !v.owner);
  const window = parseWindow('7d', now);
  const report = computeReport(loadCaseFacts(db, window), window, now, sla);
  const stats = report.byAgent[me];
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Klaxon' } }];
  blocks.push(section(`*My open cases (${mine.total})*\n${mine.views.map(caseLine).join('\n') || '_None — claim one from the queue below._'}`));
  blocks.push({ type: 'divider' });
  blocks.push(section(`*Unassigned queue (${all.length})*`));
  for (const p of PRIORITIES) {
    const cases = all.filter((v) => v.priority === p);
    if (cases.length) blocks.push(section(`*${p}* (${cases.length})\n${cases.slice(0, 8).map(caseLine).join('\n')}`));
  }
  blocks.push({ type: 'divider' });
  blocks.push(
    section(
      stats
        ? `*My week* — ${stats.actionable} cases · answered ${stats.answered} · 24-hour response rate ${formatPercent(stats.responseRate24h)} · FRT median ${stats.frtMedianMs === null ? '—' : formatDuration(stats.frtMedianMs)} · SLA attainment ${formatPercent(stats.slaAttainment)} · resolved ${stats.resolved}`
        : '*My week* — no cases owned in the last 7 days.',
    ),
  );
  return blocks.slice(0, 100);
}

export function appHomeOpened(deps: SlackListenerDeps) {
  return async ({ event, client }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: homeView(deps, event.user) } });
  };
}
