import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCaseCard, MAX_QUOTE } from '../../adapters/teams/cards/case-card.js';
import { dmForm, escalateForm, handoffForm, privacyCard, replyForm, resolveForm } from '../../adapters/teams/cards/forms.js';
import { fullTextCard, pageText } from '../../adapters/teams/cards/full-text.js';
import { renderNotice } from '../../adapters/teams/cards/notice.js';
import { renderOutcome } from '../../adapters/teams/cards/outcome.js';
import { digestCard, reportCard } from '../../adapters/teams/cards/report.js';
import { cardActivity, textActivity } from '../../adapters/teams/platform.js';
import { computeReport, type CaseFact } from '../../src/reports/metrics.js';
import type { Digest } from '../../src/domain/digest.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { caseView, outside, sourceName, urls } from './hostile.js';
import { expectAcceptable } from './surface-check.js';

const RUNS = { numRuns: 60 };
const sla = slaConfigSchema.parse({});
const ON_CALL = '6f1c1c1e-8f43-4c9a-9d5a-3f0e7c0b9a11';
const onCall = { text: '<at>on-call</at>', id: ON_CALL };
const DEEP_LINK = 'https://teams.microsoft.com/l/message/19%3Atriage%40thread.tacv2/1700000000001?tenantId=t';
const now = new Date('2026-11-23T10:00:00Z');

const card = (c: ReturnType<typeof renderCaseCard>) => cardActivity(c) as Record<string, unknown>;
const viewUrls = (v: { url?: string | null; lastReply: { link: string | null } | null }) => [v.url, v.lastReply?.link];

describe('every Teams surface, with hostile and huge outside text, is accepted by the strict connector and injects nothing', () => {
  it('the case card (and the banner a form submission puts on it)', () => {
    fc.assert(
      fc.property(caseView, fc.option(outside(5000), { nil: undefined }), (view, notice) => {
        const rendered = renderCaseCard(view, notice === undefined ? undefined : { text: notice, color: 'attention' });
        expectAcceptable(card(rendered), { urls: viewUrls(view) });
        // Cut text is never lost: the card offers the rest.
        const offersFullText = JSON.stringify(rendered).includes('"verb":"klaxon.fulltext"');
        if (view.text.length > MAX_QUOTE) expect(offersFullText).toBe(true);
        if (view.text.length <= 40) expect(offersFullText).toBe(false);
      }),
      RUNS,
    );
  });

  it('Show full text: every page of a 50,000-character mention fits, and the pages add up to the whole text', () => {
    fc.assert(
      fc.property(caseView, (view) => {
        const pages = pageText(view.text.toWellFormed());
        expect(pages.join('')).toBe(view.text.toWellFormed());
        for (let page = 1; page <= pages.length; page++) expectAcceptable(card(fullTextCard(view, page)), { urls: [] });
        expectAcceptable(card(fullTextCard(view, pages.length + 5)), { urls: [] });
      }),
      { numRuns: 25 },
    );
  });

  it('notices: escalation, SLA warning and breach, hand-off — with notes and names from outside', () => {
    fc.assert(
      fc.property(caseView, fc.option(outside(50_000), { nil: null }), fc.option(outside(200), { nil: null }), (view, note, by) => {
        const notices = [
          renderNotice({ kind: 'escalation', view, note, by, mention: `teams:${ON_CALL}` }),
          renderNotice({ kind: 'sla_warning', view, mention: ON_CALL }),
          renderNotice({ kind: 'sla_breach', view, mention: 'S0SLACKGROUP' }),
          renderNotice({ kind: 'handoff', view, note, by, cardLink: DEEP_LINK }),
        ];
        for (const n of notices) {
          expect(typeof n).toBe('object');
          expectAcceptable(card(n as ReturnType<typeof renderCaseCard>), { urls: [DEEP_LINK], mentions: [onCall] });
        }
      }),
      RUNS,
    );
  });

  it('the spike alert', () => {
    const trigger = fc.record({
      kind: fc.constantFrom('negative' as const, 'theme' as const),
      scope: sourceName,
      label: outside(200),
      count: fc.nat(),
      windowMinutes: fc.constant(15),
      baseline: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
      threshold: fc.nat(),
    });
    const sample = fc.record({
      source: sourceName,
      authorHandle: fc.option(outside(100), { nil: null }),
      authorFollowers: fc.option(fc.nat(), { nil: null }),
      text: outside(50_000),
      createdAt: fc.constant(now.toISOString()),
      caseId: fc.option(fc.nat(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(trigger, { minLength: 1, maxLength: 6 }), fc.array(sample, { maxLength: 5 }), (triggers, samples) => {
        const n = renderNotice({ kind: 'spike', alert: { at: now.toISOString(), triggers, samples }, mention: ON_CALL });
        expectAcceptable(card(n as ReturnType<typeof renderCaseCard>), { urls: [], mentions: [onCall] });
      }),
      RUNS,
    );
  });

  it('forms: reply (with preview and privacy findings), refused-privately, DM, hand-off, escalate, resolve', () => {
    const saved = fc.array(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9_-]{1,40}$/),
        title: fc.string({ minLength: 1, maxLength: 75 }),
        text: fc.string({ minLength: 1, maxLength: 2000 }),
      }),
      { maxLength: 100 },
    );
    const channels = fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 80 }), name: outside(80) }), { maxLength: 120 });
    fc.assert(
      fc.property(caseView, outside(50_000), outside(50_000), saved, channels, (view, typed, error, savedReplies, chans) => {
        const forms = [
          replyForm({
            view,
            saved: savedReplies,
            text: typed,
            sign: true,
            agentName: 'Ana',
            appliedSaved: null,
            measure: (t) => ({ used: t.length, limit: 280 }),
            privatePatterns: [],
            error,
          }),
          replyForm({
            view,
            saved: [],
            text: `${typed} card 4111 1111 1111 1111 jane@example.com`,
            sign: false,
            agentName: null,
            appliedSaved: null,
            measure: null,
            privatePatterns: [],
          }),
          privacyCard(view, error, 'draft-key', typed),
          dmForm(view, { text: typed, publicNote: typed, error }),
          handoffForm(view, chans, { note: typed, error }),
          escalateForm(view, { note: typed, error }),
          resolveForm(view, { note: typed, tags: 'no_action', error }),
        ];
        for (const f of forms) expectAcceptable(card(f), { urls: viewUrls(view) });
      }),
      { numRuns: 30 },
    );
  });

  const fact = fc.record({
    id: fc.nat(),
    source: sourceName,
    priority: fc.constantFrom('P1' as const, 'P2' as const, 'P3' as const, 'P4' as const),
    createdAt: fc.date({ min: new Date(now.getTime() - 6 * 86_400_000), max: now, noInvalidDate: true }),
    firstResponseAt: fc.option(fc.constant(now), { nil: null }),
    resolvedAt: fc.constant(null),
    actionable: fc.boolean(),
    owner: fc.option(outside(60), { nil: null }),
    sentiment: fc.double({ min: -1, max: 1, noNaN: true }),
  }) as fc.Arbitrary<CaseFact>;

  it('the report, the SLA list and the queue', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), fc.array(caseView, { maxLength: 20 }), (facts, views) => {
        const report = computeReport(facts, { from: new Date(now.getTime() - 7 * 86_400_000), to: now }, now, sla);
        expectAcceptable(card(reportCard(report)), { urls: [] });
        const overview = {
          policies: [],
          warnAt: 0.75,
          breached: views,
          breachedTotal: views.length + 3,
          atRisk: views,
          atRiskTotal: views.length,
        };
        expectAcceptable(card(renderOutcome({ kind: 'sla', overview: overview as never }).card!), { urls: [] });
        if (views.length > 0)
          expectAcceptable(card(renderOutcome({ kind: 'queue', title: 'Open cases', views, total: 999 }).card!), { urls: [] });
      }),
      { numRuns: 30 },
    );
  });

  it('the digest, with its chart inline', () => {
    const digestCaseArb = fc.record({
      id: fc.nat(),
      ref: fc.constant('K-1'),
      priority: fc.constantFrom('P1' as const, 'P2' as const),
      state: fc.constantFrom('open' as const, 'resolved' as const),
      source: sourceName,
      authorHandle: fc.option(outside(100), { nil: null }),
      authorName: fc.option(outside(200), { nil: null }),
      followers: fc.option(fc.nat(), { nil: null }),
      reach: fc.nat(),
      text: outside(50_000),
      answered: fc.boolean(),
      vip: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fact, { maxLength: 40 }),
        fc.array(digestCaseArb, { maxLength: 5 }),
        fc.array(digestCaseArb, { maxLength: 5 }),
        fc.array(fc.record({ theme: outside(40), label: outside(80), count: fc.nat() }), { maxLength: 8 }),
        (facts, influencers, vipCases, topThemes) => {
          const window = { from: new Date(now.getTime() - 86_400_000), to: now };
          const report = computeReport(facts, window, now, sla);
          const digest: Digest = {
            day: '2026-11-23',
            timeZone: 'Europe/London',
            generatedAt: now,
            window,
            previousWindow: { from: new Date(now.getTime() - 2 * 86_400_000), to: window.from },
            current: report.overall,
            pendingOverdue: 0,
            previous: report.overall,
            volumeChange: { absolute: 3, ratio: 0.5 },
            topThemes,
            influencers,
            vipCases,
            backlog: { open: 5, unanswered: 2, overdue: 1, byPriority: { P1: 1, P2: 1, P3: 2, P4: 1 } },
            competitors: [{ handle: 'rivalco', count: 4, previous: 2 }],
            daily: [],
          };
          const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(90 * 1024, 7)]);
          expectAcceptable(card(digestCard(digest, png)), { urls: [] });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('command answers and history, and every plain-text message (thread lines, notes)', () => {
    fc.assert(
      fc.property(
        outside(50_000),
        fc.array(
          fc.record({
            kind: fc.constantFrom('claimed', 'note', 'escalated'),
            actor: outside(60),
            actorName: fc.option(outside(200), { nil: null }),
            platform: fc.constant('teams'),
            at: fc.constant(now),
          }),
          { maxLength: 60 },
        ),
        (text, events) => {
          expectAcceptable(card(renderOutcome({ kind: 'help', lines: ['help — this list'], error: text }).card!), { urls: [] });
          expectAcceptable(card(renderOutcome({ kind: 'privacy_blocked', caseId: 1, message: text, draftKey: 'k' }).card!), { urls: [] });
          expectAcceptable(card(renderOutcome({ kind: 'history', ref: 'K-1', events: events as never }).card!), { urls: [] });
          expectAcceptable(textActivity(`📝 Note from Ana: ${text}`) as Record<string, unknown>, { urls: [] });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a hostile URL is never linked unless it is http(s); the case’s own URL is the only outside link', () => {
    fc.assert(
      fc.property(caseView, urls, (view, url) => {
        const json = JSON.stringify(renderCaseCard({ ...view, url, lastReply: null }));
        const links = [...json.matchAll(/"type":"Action\.OpenUrl","url":"([^"]*)"/g)].map((m) => m[1]!);
        for (const link of links) expect(link).toMatch(/^https?:\/\//);
        if (url && !/^https?:/.test(url)) expect(links).toEqual([]);
      }),
      RUNS,
    );
  });
});
