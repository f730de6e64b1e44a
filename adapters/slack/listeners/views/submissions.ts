import type { AllMiddlewareArgs, SlackViewAction, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Actor } from '../../../../src/cases/events.js';
import { formatCaseRef } from '../../../../src/cases/refs.js';
import { canAct } from '../../../../src/cases/permissions.js';
import { escalateCase } from '../../../../src/cases/verbs/escalate.js';
import { handoffCase } from '../../../../src/cases/verbs/handoff.js';
import { refusalOf } from '../../../../src/chat/failure.js';
import { sendDraftPrivately, submitReply } from '../../../../src/chat/reply.js';
import { CHAT_TEXT } from '../../../../src/chat/text.js';
import { replyCase } from '../../../../src/cases/verbs/reply.js';
import { resolveCase } from '../../../../src/cases/verbs/resolve.js';
import { checkHandoffChannel } from '../../channel-access.js';
import type { SlackListenerDeps } from '../../context.js';
import { MODAL_ACTION, parseMeta, stateValue, type StateValues } from '../../views/ids.js';
import { privacyModal } from '../../views/reply.js';

type Args = SlackViewMiddlewareArgs<SlackViewAction> & AllMiddlewareArgs;

function valuesOf(args: Pick<Args, 'view'>): StateValues {
  return (args.view.state?.values ?? {}) as StateValues;
}

function actorOf(args: Args, deps: SlackListenerDeps): Promise<Actor> {
  return deps.people.actor(args.body.user.id, args.body.user.name);
}

/**
 * Runs a verb for a submitted modal. A refusal is shown on the form (`response_action: errors`)
 * so nothing typed is lost; success closes the modal. Other errors go on to the listeners' one
 * error handler, which shows its apology on the same block (see listeners/index.ts).
 */
async function submit(args: Args, errorBlock: string, verb: () => Promise<{ message: string }>): Promise<void> {
  const outcome = await refusalOf(verb);
  await (outcome.ok ? args.ack() : args.ack({ response_action: 'errors', errors: { [errorBlock]: outcome.message } }));
}

/** The block of the Reply modal's text box, whatever its revision: refusals are shown under it. */
export function replyTextBlock(args: Pick<Args, 'view'>): string {
  const values = valuesOf(args);
  return Object.keys(values).find((id) => id.startsWith('text_')) ?? `text_${parseMeta(args.view.private_metadata).rev ?? 0}`;
}

export function replySubmission(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    const meta = parseMeta(args.view.private_metadata);
    const values = valuesOf(args);
    const text = stateValue(values, 'text', MODAL_ACTION.replyText)?.value ?? '';
    const sign = (stateValue(values, 'sign', 'sign')?.selected_options?.length ?? 0) > 0;
    const actor = await actorOf(args, deps);
    // A modal keeps its view id through refusals and edits: sent twice, it queues one reply.
    const input = { caseId: meta.caseId, actor, text, mode: 'public' as const, sign, formKey: `slack:${args.view.id}` };
    const outcome = await refusalOf(() => submitReply(deps.cases, input));
    if (!outcome.ok) await args.ack({ response_action: 'errors', errors: { [replyTextBlock(args)]: outcome.message } });
    else if (outcome.value.kind === 'queued') await args.ack();
    // The refused text is kept server-side; the pushed view offers the one-click DM.
    else
      await args.ack({
        response_action: 'push',
        view: privacyModal(formatCaseRef(meta.caseId), outcome.value.message, { caseId: meta.caseId, draftKey: outcome.value.draftKey }),
      });
  };
}

/** "Send as DM instead" after a privacy refusal: the stored draft goes out privately. */
export function replyAsDmSubmission(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    const meta = parseMeta(args.view.private_metadata);
    const actor = await actorOf(args, deps);
    const outcome = await refusalOf(() => sendDraftPrivately(deps.cases, meta.draftKey ?? '', actor));
    if (!outcome.ok) deps.logger.warn('send-as-DM refused', { caseId: meta.caseId, code: outcome.code });
    await args.ack({ response_action: 'clear' });
  };
}

export function dmSubmission(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    const meta = parseMeta(args.view.private_metadata);
    const values = valuesOf(args);
    const text = stateValue(values, 'text', 'text')?.value ?? '';
    const publicNote = stateValue(values, 'public_note', 'public_note')?.value ?? null;
    const actor = await actorOf(args, deps);
    const input = { caseId: meta.caseId, actor, text, mode: 'private' as const, publicNote, formKey: `slack:${args.view.id}` };
    await submit(args, 'text', () => replyCase({ ctx: deps.cases, input }));
  };
}

export function handoffSubmission(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    const meta = parseMeta(args.view.private_metadata);
    const values = valuesOf(args);
    const user = stateValue(values, 'user', 'user')?.selected_user ?? null;
    const channel = stateValue(values, 'channel', 'channel')?.selected_conversation ?? null;
    const note = stateValue(values, 'note', 'note')?.value ?? null;
    if (Boolean(user) === Boolean(channel)) {
      await args.ack({ response_action: 'errors', errors: { user: CHAT_TEXT.chooseOneTarget } });
      return;
    }
    // Both lookups at once: a view submission must be answered within 3 seconds.
    const [actor, name] = await Promise.all([actorOf(args, deps), user ? deps.people.name(user) : deps.people.channelName(channel!)]);
    const to = user
      ? ({ kind: 'user', platform: 'slack', id: user, name } as const)
      : ({ kind: 'channel', platform: 'slack', id: channel!, name } as const);
    if (channel && canAct(actor, deps.cases.permissions)) {
      // Join a public channel now; refuse a private one Klaxon is not in, on the form, with the fix.
      const access = await checkHandoffChannel(args.client, channel, deps.logger);
      if (!access.ok) {
        await args.ack({ response_action: 'errors', errors: { channel: access.message } });
        return;
      }
    }
    await submit(args, 'user', () => handoffCase({ ctx: deps.cases, input: { caseId: meta.caseId, actor, to, note } }));
  };
}

export function escalateSubmission(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    const meta = parseMeta(args.view.private_metadata);
    const note = stateValue(valuesOf(args), 'note', 'note')?.value ?? null;
    const actor = await actorOf(args, deps);
    await submit(args, 'note', () => escalateCase({ ctx: deps.cases, input: { caseId: meta.caseId, actor, note } }));
  };
}

export function resolveSubmission(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    const meta = parseMeta(args.view.private_metadata);
    const values = valuesOf(args);
    const note = stateValue(values, 'note', 'note')?.value ?? null;
    const tags = (stateValue(values, 'tags', 'tags')?.selected_options ?? []).map((o) => o.value);
    const actor = await actorOf(args, deps);
    await submit(args, 'note', () =>
      resolveCase({ ctx: deps.cases, input: { caseId: meta.caseId, actor, note, tags, noAction: tags.includes('no_action') } }),
    );
  };
}
