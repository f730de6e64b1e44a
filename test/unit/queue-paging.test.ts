import { describe, expect, it } from 'vitest';
import { renderOutcome as renderSlack, QUEUE_PAGE_ACTION } from '../../adapters/slack/blocks/outcome.js';
import { renderOutcome as renderTeams } from '../../adapters/teams/cards/outcome.js';
import { initialsOf, signatureLabel } from '../../src/cases/signature.js';
import { confirmHandoff, handoffCase, type PendingHandoff } from '../../src/cases/verbs/handoff.js';
import { claimCase } from '../../src/cases/verbs/claim.js';
import { resolveCase } from '../../src/cases/verbs/resolve.js';
import { parseCommand } from '../../src/commands/parse.js';
import { runCommand } from '../../src/commands/run.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { countOf } from '../../src/reports/format.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { makeCore, parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const none = () => null;

describe('queue paging', () => {
  it('parses a filter and a page in any order', () => {
    expect(parseCommand('queue', none)).toEqual({ ok: true, command: { kind: 'queue', filter: 'all', page: 1 } });
    expect(parseCommand('queue p2 3', none)).toEqual({ ok: true, command: { kind: 'queue', filter: 'P2', page: 3 } });
    expect(parseCommand('queue 2 mine', none)).toEqual({ ok: true, command: { kind: 'queue', filter: 'mine', page: 2 } });
    expect(parseCommand('queue p1 page 2', none)).toEqual({ ok: true, command: { kind: 'queue', filter: 'P1', page: 2 } });
    expect(parseCommand('queue 0', none).ok).toBe(false);
    expect(parseCommand('queue p9', none).ok).toBe(false);
  });

  it('pages through every open case once, in the same order, and offers Next and Previous', async () => {
    const core = makeCore();
    await ingestMentions(
      core.ingest,
      Array.from({ length: 40 }, (_, i) =>
        parsed(
          mention({
            id: `q${i}`,
            author: { id: `a${i}`, handle: `user${i}` },
            text: `Order ${i} never arrived, ${'very '.repeat(i % 5)}late`,
            createdAt: new Date(Date.UTC(2026, 10, 23, 8, i)).toISOString(),
          }),
        ),
      ),
    );
    const deps = { cases: core.cases, vips: new VipDirectory(core.handle.db, []), requestDigest: null, signReplies: true };
    const actor = { id: 'slack:UALEX', name: 'Alex Rivera', platform: 'slack' };
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const outcome = await runCommand(`queue ${page}`, actor, deps, none);
      if (outcome.kind !== 'queue') throw new Error('expected a queue');
      expect(outcome.total).toBe(40);
      seen.push(...outcome.views.map((v) => v.ref));
      const slack = JSON.stringify(renderSlack(outcome).blocks);
      expect(slack).toContain(`(40) · ${(page - 1) * 15 + 1}–${Math.min(40, page * 15)}`);
      expect(slack.includes(QUEUE_PAGE_ACTION.next)).toBe(page < 3);
      expect(slack.includes(QUEUE_PAGE_ACTION.previous)).toBe(page > 1);
      expect(JSON.stringify(renderTeams(outcome).card)).toContain(page < 3 ? `@Klaxon queue ${page + 1}` : '(40 · 31–40)');
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    const past = await runCommand('queue 4', actor, deps, none);
    expect(renderSlack(past).text).toBe('Open cases: there is no page 4 (40 cases fill 3 pages).');
    core.handle.close();
  });
});

describe('people by name, never by id', () => {
  it('initials come from the first and last name, and the signature box shows them', () => {
    expect(initialsOf('Alex Rivera')).toBe('AR');
    expect(initialsOf('Sam Okafor')).toBe('SO');
    expect(initialsOf('Jean-Luc Picard')).toBe('JP');
    expect(initialsOf('Zoë')).toBe('ZO');
    expect(signatureLabel('Alex Rivera')).toBe('Sign with my initials (^AR)');
    expect(signatureLabel(null)).toBe('Sign with my initials');
  });

  it('thread lines and refusals name people; without a name they say so in words, not with an id', async () => {
    const core = makeCore();
    const caseId = (await ingestMentions(core.ingest, [parsed(mention({ id: 'n1' }))])).opened[0]!;
    const nameless = { id: 'slack:UAGENTSAM', name: null, platform: 'slack' };
    await claimCase({ ctx: core.cases, input: { caseId, actor: nameless } });
    await expect(
      resolveCase({ ctx: core.cases, input: { caseId, actor: { id: 'slack:UALEX', name: 'Alex Rivera', platform: 'slack' }, note: null } }),
    ).rejects.toThrow('This case is claimed by another agent; only they or a lead can do that.');
    await handoffCase({
      ctx: core.cases,
      input: { caseId, actor: nameless, to: { kind: 'channel', platform: 'slack', id: 'CBILLING', name: 'billing-team' }, note: null },
    });
    // The hand-off's history line is written once its notice reaches the channel (issue #20).
    const notice = core.handle.db.query.outbox
      .findMany()
      .sync()
      .find((r) => r.kind === 'notice')!;
    await confirmHandoff(
      core.handle.db,
      caseId,
      (notice.payload as { notice: { pending: PendingHandoff } }).notice.pending,
      core.clock.now(),
    );
    const lines = core.handle.db.query.outbox
      .findMany()
      .sync()
      .filter((r) => r.kind === 'thread.post')
      .map((r) => (r.payload as { text: string }).text);
    expect(lines).toEqual(['✋ Claimed by a teammate', '📨 Handed off to #billing-team by a teammate']);
    expect(lines.join()).not.toMatch(/UAGENTSAM|CBILLING|slack:/);
    core.handle.close();
  });

  it('counts read as people write them', () => {
    expect(countOf(1, 'case')).toBe('1 case');
    expect(countOf(0, 'case')).toBe('0 cases');
    expect(countOf(1, 'breach')).toBe('1 breach');
    expect(countOf(3, 'breach')).toBe('3 breaches');
  });
});
