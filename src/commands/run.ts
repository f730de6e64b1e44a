import type { CaseEventRow } from '../../db/schema/index.js';
import type { CaseContext } from '../cases/context.js';
import type { Actor } from '../cases/events.js';
import { caseHistory } from '../cases/history.js';
import { loadCase } from '../cases/mutate.js';
import { listQueue, QUEUE_PAGE_SIZE } from '../cases/queue.js';
import { formatCaseRef } from '../cases/refs.js';
import type { VipDirectory } from '../cases/vip-directory.js';
import { assertCanAct, assertCanRead } from '../cases/permissions.js';
import { claimCase } from '../cases/verbs/claim.js';
import { escalateCase } from '../cases/verbs/escalate.js';
import { handoffCase } from '../cases/verbs/handoff.js';
import { noteCase } from '../cases/verbs/note.js';
import { releaseCase } from '../cases/verbs/release.js';
import { reopenCase } from '../cases/verbs/reopen.js';
import { submitReply } from '../chat/reply.js';
import { resolveCase } from '../cases/verbs/resolve.js';
import { isKlaxonError, KlaxonError } from '../errors.js';
import type { CaseView } from '../ports.js';
import { parseWindow, type Report, type Window, type WindowSpec } from '../reports/metrics.js';
import { caseCsv } from '../export/cases-csv.js';
import { exportFilename } from '../export/download.js';
import { and, count, gte, lt } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { loadReport } from '../reports/sql-report.js';
import { loadSlaOverview, type SlaOverview } from '../reports/sla-overview.js';
import { parseCommand, USAGE_LINES, type Command, type QueueFilterName } from './parse.js';
import type { HandoffTarget } from '../cases/verbs/handoff.js';
import { transaction } from '../../db/transaction.js';

/** What a command produced; each chat adapter renders these its own way. */
export type CommandOutcome =
  | { kind: 'help'; lines: string[]; error: string | null }
  | { kind: 'text'; text: string; public: boolean }
  | {
      kind: 'queue';
      title: string;
      views: CaseView[];
      total: number /** what was asked, so a renderer can offer the next page */;
      filter?: QueueFilterName;
      page?: number;
      pageSize?: number;
    }
  | { kind: 'report'; report: Report; public: boolean }
  /**
   * `report … csv`: the cases behind the report. Slack uploads `csv()` as a file; Teams, which
   * cannot take a file from a bot, answers with `link` (signed, expiring; null without PUBLIC_URL).
   */
  | {
      kind: 'export';
      window: Window;
      spec: WindowSpec;
      rows: number;
      filename: string;
      csv: () => string;
      link: string | null;
      public: boolean;
    }
  | { kind: 'sla'; overview: SlaOverview }
  | { kind: 'history'; ref: string; events: CaseEventRow[] }
  | { kind: 'vips'; list: { handle: string; origin: 'config' | 'chat' }[] }
  /** A public reply refused by the privacy guard: the adapter offers "send as DM instead". */
  | { kind: 'privacy_blocked'; caseId: number; message: string; draftKey: string };

export interface CommandDeps {
  cases: CaseContext;
  vips: VipDirectory;
  /** Queues the executive digest now; returns where it goes (or throws not_configured). */
  requestDigest: (() => Promise<string>) | null;
  /** Append agent initials to replies sent by command (config `replies.signature`). */
  signReplies: boolean;
  /** Signed download links for `report … csv` (absent or null link: no PUBLIC_URL). */
  exports?: { link(window: Window, asOf: Date, by: string): string | null };
}

function text(message: string, isPublic = false): CommandOutcome {
  return { kind: 'text', text: message, public: isPublic };
}

async function run(command: Command, actor: Actor, deps: CommandDeps): Promise<CommandOutcome> {
  const ctx = deps.cases;
  const now = ctx.clock.now();
  switch (command.kind) {
    case 'help':
      return { kind: 'help', lines: USAGE_LINES, error: null };
    case 'queue': {
      assertCanRead(actor, ctx.permissions);
      const filter =
        command.filter === 'all'
          ? { kind: 'all' as const }
          : command.filter === 'mine'
            ? { kind: 'mine' as const, actorId: actor.id }
            : { kind: 'priority' as const, priority: command.filter };
      const { views, total } = listQueue(ctx.db, filter, now, ctx.sla, QUEUE_PAGE_SIZE, (command.page - 1) * QUEUE_PAGE_SIZE);
      const title =
        command.filter === 'all' ? 'Open cases' : command.filter === 'mine' ? 'Your open cases' : `Open ${command.filter} cases`;
      return { kind: 'queue', title, views, total, filter: command.filter, page: command.page, pageSize: QUEUE_PAGE_SIZE };
    }
    case 'claim':
      return text((await claimCase({ ctx, input: { caseId: command.caseId, actor } })).message);
    case 'release':
      return text((await releaseCase({ ctx, input: { caseId: command.caseId, actor } })).message);
    case 'reopen':
      return text((await reopenCase({ ctx, input: { caseId: command.caseId, actor } })).message);
    case 'resolve':
      return text((await resolveCase({ ctx, input: { caseId: command.caseId, actor, note: command.note } })).message);
    case 'escalate':
      return text((await escalateCase({ ctx, input: { caseId: command.caseId, actor, note: command.note } })).message);
    case 'note':
      return text((await noteCase({ ctx, input: { caseId: command.caseId, actor, text: command.text } })).message);
    case 'handoff':
      return text((await handoffCase({ ctx, input: { caseId: command.caseId, actor, to: command.to, note: command.note } })).message);
    case 'reply':
    case 'dm': {
      const mode = command.kind === 'reply' ? 'public' : 'private';
      const outcome = await submitReply(ctx, { caseId: command.caseId, actor, text: command.text, mode, sign: deps.signReplies });
      // A refused public reply waits server-side for a one-click "send as DM instead".
      if (outcome.kind === 'queued') return text(outcome.result.message);
      return { kind: 'privacy_blocked', caseId: command.caseId, message: outcome.message, draftKey: outcome.draftKey };
    }
    case 'history': {
      assertCanRead(actor, ctx.permissions);
      await transaction(ctx.db, async (tx) => await loadCase(tx, command.caseId));
      return { kind: 'history', ref: formatCaseRef(command.caseId), events: caseHistory(ctx.db, command.caseId) };
    }
    case 'report': {
      // `report … share` posts the numbers in the channel, `report … csv` hands over the data behind
      // them: the same people who may read the numbers, either way.
      assertCanRead(actor, ctx.permissions);
      const window = parseWindow(command.window, now);
      if (command.csv) {
        const rows =
          ctx.db
            .select({ n: count() })
            .from(cases)
            .where(and(gte(cases.createdAt, window.from), lt(cases.createdAt, window.to)))
            .get()?.n ?? 0;
        const link = deps.exports?.link(window, now, actor.id) ?? null;
        return {
          kind: 'export',
          window,
          spec: command.window,
          rows,
          filename: exportFilename(window),
          csv: () => caseCsv(ctx.db, window, now, ctx.sla),
          link,
          public: command.share,
        };
      }
      return { kind: 'report', report: loadReport(ctx.db, window, now, ctx.sla), public: command.share };
    }
    case 'sla':
      assertCanRead(actor, ctx.permissions);
      return { kind: 'sla', overview: loadSlaOverview(ctx.db, ctx.sla, now) };
    case 'vip': {
      if (command.action === 'list') {
        // The VIP list names customers: a read like the queue.
        assertCanRead(actor, ctx.permissions);
        return { kind: 'vips', list: deps.vips.list() };
      }
      assertCanAct(actor, ctx.permissions);
      if (command.action === 'add') {
        return text(
          deps.vips.add(command.handle, actor.id, now)
            ? `@${command.handle} is now a VIP: their mentions score higher.`
            : `@${command.handle} is already a VIP.`,
        );
      }
      const outcome = deps.vips.remove(command.handle);
      if (outcome === 'in_config') return text(`@${command.handle} is a VIP in the config file; remove it there.`);
      return text(outcome === 'removed' ? `@${command.handle} is no longer a VIP.` : `@${command.handle} is not a VIP.`);
    }
    case 'digest': {
      assertCanAct(actor, ctx.permissions);
      if (!deps.requestDigest)
        throw new KlaxonError(
          'not_configured',
          'The digest is not configured: set DIGEST_CHANNEL (or platforms.slack.digest in the config file).',
        );
      return text(`The executive digest is on its way to ${await deps.requestDigest()}.`);
    }
  }
}

/**
 * The command with its free text (a reply, a DM, a note) as plain text: whatever the platform
 * wrote around what was typed (Slack's `<url|label>` and `&amp;`, Teams' mention tokens) must
 * never reach a customer, a note or a card.
 */
function withPlainText(command: Command, toPlain: (typed: string) => string): Command {
  switch (command.kind) {
    case 'reply':
    case 'dm':
    case 'note':
      return { ...command, text: toPlain(command.text) };
    case 'handoff':
    case 'escalate':
    case 'resolve':
      return { ...command, note: command.note === null ? null : toPlain(command.note) };
    default:
      return command;
  }
}

/**
 * Parses and runs one chat command for an actor. Refusals and bad input come back as outcomes
 * with a friendly message; unexpected errors propagate to the adapter's error handler.
 * `toPlain` reads the platform's markup in typed text (the adapter's parser and `customerText`).
 */
export async function runCommand(
  input: string,
  actor: Actor,
  deps: CommandDeps,
  resolveTarget: (token: string) => HandoffTarget | null,
  toPlain: (typed: string) => string = (typed) => typed,
): Promise<CommandOutcome> {
  const parsed = parseCommand(input, resolveTarget);
  if (!parsed.ok) return { kind: 'help', lines: USAGE_LINES, error: parsed.error };
  try {
    return await run(withPlainText(parsed.command, toPlain), actor, deps);
  } catch (error) {
    if (isKlaxonError(error)) return text(error.message);
    throw error;
  }
}
