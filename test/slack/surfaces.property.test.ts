import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockProblems, messageRefusal, viewProblems } from '../../dev/sandbox/slack-api/block-kit/blocks.js';
import { renderCard, renderMinimalCard } from '../../adapters/slack/blocks/card.js';
import { renderDigestBlocks } from '../../adapters/slack/blocks/digest.js';
import { renderMinimalNotice, renderNotice } from '../../adapters/slack/blocks/notice.js';
import { renderOutcome } from '../../adapters/slack/blocks/outcome.js';
import { renderReportBlocks } from '../../adapters/slack/blocks/report.js';
import { renderSlaBlocks } from '../../adapters/slack/blocks/sla.js';
import { mrkdwnUrl, textMessage } from '../../adapters/slack/blocks/text.js';
import { dmModal, escalateModal, handoffModal, resolveModal } from '../../adapters/slack/views/forms.js';
import { fullTextModal } from '../../adapters/slack/views/full-text.js';
import { privacyModal, replyModal } from '../../adapters/slack/views/reply.js';
import { PRIORITIES } from '../../src/domain/priority.js';
import type { CaseView, Notice } from '../../src/ports.js';
import type { Digest } from '../../src/domain/digest.js';
import { caseView, date, hostileText, hostileUrl, slackUser, summary } from './arbitraries.js';
import { mrkdwnTexts, payloadProblems, type AllowedCommands } from './mrkdwn-safety.js';

/**
 * Every Slack surface Klaxon renders, fed text from the world up to the ingest limits: the
 * strict validator (the one the fake Slack enforces) must accept it, and no outside text may
 * become a Slack command or a link — the only link from outside being the case's own URL,
 * written by Klaxon after its checks.
 */
const RUNS = { numRuns: 60 };

/** What a view lets Klaxon write: its owner's mention and its own checked URL. */
function allowedFor(view: CaseView, extra: AllowedCommands = {}): AllowedCommands {
  const owner = view.owner?.id.startsWith('slack:') ? [view.owner.id.slice('slack:'.length)] : [];
  const url = mrkdwnUrl(view.url ?? null);
  return {
    users: [...owner, ...(extra.users ?? [])],
    groups: extra.groups ?? [],
    channels: extra.channels ?? [],
    urls: [...(url ? [url] : []), ...(extra.urls ?? [])],
  };
}

function expectMessageOk(message: { text: string; blocks?: unknown[] }, allowed: AllowedCommands): void {
  expect(messageRefusal(message)).toBeNull();
  expect(payloadProblems(message, allowed)).toEqual([]);
  // A checked link is http(s) with nothing in it that could end it early or start a command.
  for (const url of allowed.urls ?? []) expect(url).toMatch(/^https?:\/\/[^\s<>|]+$/);
}

function expectViewOk(view: unknown, allowed: AllowedCommands): void {
  expect(viewProblems(view)).toEqual([]);
  expect(payloadProblems({ view }, allowed)).toEqual([]);
}

describe('every Slack surface passes the strict validator and carries no outside command', () => {
  it('the triage card and its short form', () => {
    fc.assert(
      fc.property(caseView, fc.constantFrom('invalid_blocks', 'msg_too_long', 'weird code!'), (view, code) => {
        expectMessageOk(renderCard(view), allowedFor(view));
        expectMessageOk(renderMinimalCard(view, code), allowedFor(view));
      }),
      RUNS,
    );
  });

  it('notices: escalation, hand-off, SLA warning and breach, spike, plain text — and their short forms', () => {
    const onCall = fc.option(fc.oneof(slackUser, fc.stringMatching(/^S[A-Z0-9]{2,10}$/), hostileText(30)));
    const note = fc.option(fc.oneof(hostileText(3000), hostileText(50_000)));
    const spike = fc.record({
      at: date.map((d) => d.toISOString()),
      triggers: fc.array(
        fc.record({
          kind: fc.constantFrom('negative' as const, 'theme' as const),
          scope: hostileText(40),
          label: hostileText(200),
          count: fc.nat(),
          windowMinutes: fc.integer({ min: 1, max: 1440 }),
          baseline: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
          threshold: fc.nat(),
        }),
        { maxLength: 40 },
      ),
      samples: fc.array(
        fc.record({
          source: hostileText(40),
          authorHandle: fc.option(hostileText(100)),
          authorFollowers: fc.option(fc.nat()),
          text: hostileText(50_000),
          createdAt: date.map((d) => d.toISOString()),
          caseId: fc.option(fc.nat()),
        }),
        { maxLength: 3 },
      ),
    });
    const notice: fc.Arbitrary<Notice> = fc.oneof(
      fc.record({ kind: fc.constant('escalation' as const), view: caseView, note, by: fc.option(hostileText(200)), mention: onCall }),
      fc.record({
        kind: fc.constant('handoff' as const),
        view: caseView,
        note,
        by: fc.option(hostileText(200)),
        cardLink: fc.option(fc.oneof(hostileUrl, fc.constant('https://acme.slack.com/archives/C0TRIAGE/p1700000000000100'))),
      }),
      fc.record({ kind: fc.constant('sla_warning' as const), view: caseView, mention: onCall }),
      fc.record({ kind: fc.constant('sla_breach' as const), view: caseView, mention: onCall }),
      fc.record({ kind: fc.constant('spike' as const), alert: spike, mention: onCall }),
      fc.record({ kind: fc.constant('text' as const), text: hostileText(50_000, 1) }),
    );
    fc.assert(
      fc.property(notice, (n) => {
        const mention = 'mention' in n && n.mention ? n.mention : null;
        const extra: AllowedCommands = {
          users: mention && /^[UW][A-Z0-9]+$/.test(mention) ? [mention] : [],
          groups: mention && /^S[A-Z0-9]+$/.test(mention) ? [mention] : [],
          urls: n.kind === 'handoff' && n.cardLink && mrkdwnUrl(n.cardLink) ? [mrkdwnUrl(n.cardLink)!] : [],
        };
        const allowed = 'view' in n ? allowedFor(n.view, extra) : extra;
        expectMessageOk(renderNotice(n), allowed);
        expectMessageOk(renderMinimalNotice(n), allowed);
        // A note is shown whole (never cut) when it fits ten sections: all of it reaches the channel.
        if ((n.kind === 'escalation' || n.kind === 'handoff') && n.note && n.note.length <= 3000) {
          const squash = (t: string) => t.toWellFormed().replace(/\s+/g, '');
          const shown = mrkdwnTexts(renderNotice(n).blocks)
            .map((t) => t.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
            .join('');
          expect(squash(shown)).toContain(squash(n.note));
        }
      }),
      RUNS,
    );
  });

  it('history lines under a card, reply-webhook answers included (plain text from the core)', () => {
    const line = fc.oneof(
      hostileText(50_000, 1),
      fc.tuple(hostileUrl, hostileText(300)).map(([url, id]) => `✅ Public reply delivered: ${url} (${id})`),
      hostileText(2000).map((e) => `⚠️ The reply was NOT delivered: ${e}`),
    );
    fc.assert(
      fc.property(line, (text) => expectMessageOk(textMessage(text), {})),
      RUNS,
    );
  });

  it('modals: reply (quote and live preview), move to DM, hand-off, escalate, resolve, privacy refusal', () => {
    const saved = fc
      .array(fc.record({ id: fc.stringMatching(/^[a-z0-9_-]{1,40}$/), title: hostileText(75, 1), text: hostileText(2000, 1) }), {
        maxLength: 120,
      })
      .map((list) => [...new Map(list.map((s) => [s.id, s])).values()]);
    fc.assert(
      fc.property(
        caseView,
        saved,
        hostileText(3000),
        fc.boolean(),
        fc.option(hostileText(200)),
        fc.nat({ max: 1000 }),
        fc.boolean(),
        hostileText(2000),
        (view, savedReplies, typed, sign, agent, rev, measured, refusal) => {
          const allowed = allowedFor(view);
          const measure = measured ? (t: string) => ({ used: t.length, limit: 280 }) : null;
          expectViewOk(
            replyModal({ view, saved: savedReplies, text: typed, sign, agentName: agent, rev, measure, privatePatterns: [] }),
            allowed,
          );
          for (const modal of [dmModal(view, 'CTRIAGE'), handoffModal(view, 'CTRIAGE'), escalateModal(view), resolveModal(view)])
            expectViewOk(modal, allowed);
          expectViewOk(privacyModal(view.ref, refusal, { caseId: view.id, draftKey: 'd'.repeat(64) }), allowed);
        },
      ),
      RUNS,
    );
  });

  it('the full-text modal holds the whole text, page by page', () => {
    fc.assert(
      fc.property(caseView, fc.integer({ min: 1, max: 98 }), (view, perPage) => {
        const first = fullTextModal(view, 0, perPage);
        let shown = '';
        for (let page = 0; page < first.pages; page += 1) {
          const { view: modal } = fullTextModal(view, page, perPage);
          expectViewOk(modal, allowedFor(view));
          shown += (modal.blocks as { type: string; text?: { type: string; text: string } }[])
            .filter((b) => b.type === 'section' && b.text?.type === 'plain_text')
            .map((b) => b.text!.text)
            .join('');
        }
        // Nothing is lost but blank-line runs and the whitespace at the cuts.
        const squash = (t: string) => t.replace(/\s+/g, '');
        expect(squash(shown)).toBe(squash(view.text) || '(notext)');
      }),
      { numRuns: 25 },
    );
  });

  it('the queue, page by page (App Home shows the same case lines: see e2e/slack-limits)', () => {
    fc.assert(
      fc.property(fc.array(caseView, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), hostileText(100, 1), (views, page, title) => {
        const allowed: AllowedCommands = { users: views.flatMap((v) => (v.owner?.id.startsWith('slack:') ? [v.owner.id.slice(6)] : [])) };
        const queue = renderOutcome({ kind: 'queue', title, views, total: 999, page, pageSize: Math.max(1, views.length), filter: 'all' });
        expectMessageOk({ text: queue.text, blocks: queue.blocks }, allowed);
      }),
      { numRuns: 20 },
    );
  });

  it('report, SLA overview and digest', () => {
    const byPriority = fc.record(
      Object.fromEntries(PRIORITIES.map((p) => [p, summary])) as Record<(typeof PRIORITIES)[number], typeof summary>,
    );
    const report = fc.record({
      window: fc.record({ from: date, to: date }),
      generatedAt: date,
      overall: summary,
      byPriority,
      bySource: fc.dictionary(hostileText(40, 1), summary, { maxKeys: 30 }),
      byAgent: fc.dictionary(hostileText(40, 1), summary, { maxKeys: 5 }),
    });
    const policy = fc.record({
      priority: fc.constantFrom(...PRIORITIES),
      firstResponseMinutes: fc.integer({ min: 1, max: 1e6 }),
      resolutionMinutes: fc.integer({ min: 1, max: 1e6 }),
      calendar: fc.option(hostileText(100)),
      timeZone: fc.option(hostileText(60)),
    });
    const overview = fc.record({
      asOf: date,
      warnAt: fc.double({ min: 0, max: 1, noNaN: true }),
      policies: fc.array(policy, { maxLength: 12 }),
      breached: fc.array(caseView, { maxLength: 15 }),
      atRisk: fc.array(caseView, { maxLength: 15 }),
      breachedTotal: fc.nat(),
      atRiskTotal: fc.nat(),
    });
    const digestCase = fc.record({
      id: fc.nat(),
      ref: fc.nat().map((n) => `K-${n}`),
      priority: fc.constantFrom(...PRIORITIES),
      state: fc.constantFrom('open' as const, 'resolved' as const),
      source: hostileText(40, 1),
      authorHandle: fc.option(hostileText(100)),
      authorName: fc.option(hostileText(200)),
      followers: fc.option(fc.nat()),
      reach: fc.nat(),
      text: hostileText(50_000),
      answered: fc.boolean(),
      vip: fc.boolean(),
    });
    const digest = fc.record({
      day: fc.constant('2026-11-23'),
      timeZone: hostileText(60, 1),
      generatedAt: date,
      window: fc.record({ from: date, to: date }),
      previousWindow: fc.record({ from: date, to: date }),
      current: summary,
      pendingOverdue: fc.nat(),
      previous: summary,
      volumeChange: fc.record({ absolute: fc.integer(), ratio: fc.option(fc.double({ min: -10, max: 10, noNaN: true })) }),
      topThemes: fc.array(fc.record({ theme: hostileText(40), label: hostileText(200), count: fc.nat() }), { maxLength: 40 }),
      influencers: fc.array(digestCase, { maxLength: 40 }),
      vipCases: fc.array(digestCase, { maxLength: 40 }),
      backlog: fc.record({
        open: fc.nat(),
        unanswered: fc.nat(),
        overdue: fc.nat(),
        byPriority: fc.record({ P1: fc.nat(), P2: fc.nat(), P3: fc.nat(), P4: fc.nat() }),
      }),
      competitors: fc.option(fc.array(fc.record({ handle: hostileText(100, 1), count: fc.nat(), previous: fc.nat() }), { maxLength: 200 })),
      daily: fc.constant([] as Digest['daily']),
    });
    fc.assert(
      fc.property(report, overview, digest, (r, o, d) => {
        expectMessageOk(renderReportBlocks(r), {});
        const owners = [...o.breached, ...o.atRisk].flatMap((v) => (v.owner?.id.startsWith('slack:') ? [v.owner.id.slice(6)] : []));
        expectMessageOk(renderSlaBlocks(o), { users: owners });
        expectMessageOk(renderDigestBlocks(d), {});
        // The digest's blocks also go out with the chart (files.completeUploadExternal).
        expect(blockProblems(renderDigestBlocks(d).blocks, 'message')).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
