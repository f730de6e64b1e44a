import { escalateCase } from '../../../src/cases/verbs/escalate.js';
import { handoffCase, type HandoffTarget } from '../../../src/cases/verbs/handoff.js';
import { replyCase } from '../../../src/cases/verbs/reply.js';
import { resolveCase } from '../../../src/cases/verbs/resolve.js';
import { renderCaseCard } from '../cards/case-card.js';
import { dmForm, escalateForm, handoffForm, resolveForm } from '../cards/forms.js';
import type { TeamsBotDeps } from '../context.js';
import { channelChoices } from './case-buttons.js';
import { caseIdOf, message, str, submitForm, viewOf, type ActionHandler, type ActionResult } from './types.js';
import { ERROR_CODES } from '../../../src/errors.js';
import { CHAT_TEXT } from '../../../src/chat/text.js';

function done(deps: TeamsBotDeps, caseId: number, text: string): ActionResult {
  const view = viewOf(deps, caseId);
  return view ? { kind: 'card', card: renderCaseCard(view, { text: `✅ ${text}` }) } : message(text);
}

export const dmSend: ActionHandler = (deps, { data, actor }) => {
  const view = viewOf(deps, caseIdOf(data));
  if (!view) return message(ERROR_CODES.not_found);
  const text = str(data, 'text');
  const publicNote = str(data, 'publicNote') || null;
  const formId = str(data, 'formId') || null;
  const formKey = formId ? `teams:${formId}` : null;
  return submitForm(
    () => replyCase({ ctx: deps.cases, input: { caseId: view.id, actor, text, mode: 'private', publicNote, formKey } }),
    (m) => done(deps, view.id, m),
    (error) => ({ kind: 'card', card: dmForm(view, { text, publicNote, error, formId }) }),
  );
};

/**
 * Hand off to a person (the people picker gives an AAD object id) or to a channel the bot is
 * in. The receiver's name comes from people the bot has met, else from Teams.
 */
export const handoffSend: ActionHandler = async (deps, { data, actor, teamId, tenantId, lookupName }) => {
  const view = viewOf(deps, caseIdOf(data));
  if (!view) return message(ERROR_CODES.not_found);
  const user = str(data, 'user');
  const channel = str(data, 'channel');
  const note = str(data, 'note') || null;
  const refuse = (error: string): ActionResult => ({
    kind: 'card',
    card: handoffForm(view, channelChoices(deps, teamId), { note, error }),
  });
  if (Boolean(user) === Boolean(channel)) return refuse(CHAT_TEXT.chooseOneTarget);
  let to: HandoffTarget;
  if (user) {
    const known = deps.conversations.user(user);
    const name = known?.name ?? (await lookupName(user));
    // The people picker lists the clicker's organisation: that is where a chat with them opens.
    if (!known?.tenantId && tenantId)
      deps.conversations.rememberUser({ id: known?.id ?? user, aadObjectId: known?.aadObjectId ?? user, name }, undefined, tenantId);
    to = { kind: 'user', platform: 'teams', id: known?.aadObjectId ?? user, name };
  } else {
    to = { kind: 'channel', platform: 'teams', id: channel };
  }
  return submitForm(
    () => handoffCase({ ctx: deps.cases, input: { caseId: view.id, actor, to, note } }),
    (m) => done(deps, view.id, m),
    refuse,
  );
};

export const escalateSend: ActionHandler = (deps, { data, actor }) => {
  const view = viewOf(deps, caseIdOf(data));
  if (!view) return message(ERROR_CODES.not_found);
  const note = str(data, 'note') || null;
  return submitForm(
    () => escalateCase({ ctx: deps.cases, input: { caseId: view.id, actor, note } }),
    (m) => done(deps, view.id, m),
    (error) => ({ kind: 'card', card: escalateForm(view, { note, error }) }),
  );
};

export const resolveSend: ActionHandler = (deps, { data, actor }) => {
  const view = viewOf(deps, caseIdOf(data));
  if (!view) return message(ERROR_CODES.not_found);
  const note = str(data, 'note') || null;
  const rawTags = str(data, 'tags');
  // A multi-select ChoiceSet answers with its values joined by commas.
  const tags = rawTags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return submitForm(
    () => resolveCase({ ctx: deps.cases, input: { caseId: view.id, actor, note, tags, noAction: tags.includes('no_action') } }),
    (m) => done(deps, view.id, m),
    (error) => ({ kind: 'card', card: resolveForm(view, { note, tags: rawTags, error }) }),
  );
};
