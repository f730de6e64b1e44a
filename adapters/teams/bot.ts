import {
  TeamsActivityHandler,
  TeamsInfo,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { caseIdForCard } from '../../src/cases/find.js';
import { firstDeliveryInTurn } from '../../src/cases/deliveries.js';
import { noteCase } from '../../src/cases/verbs/note.js';
import { refusalOf } from '../../src/chat/failure.js';
import { CHAT_TEXT } from '../../src/chat/text.js';
import { RetryableError } from '../../src/ports.js';
import { runCardAction } from './actions/dispatch.js';
import type { ActionInput, ActionResult } from './actions/types.js';
import { renderCaseCard } from './cards/case-card.js';
import { CARD_CONTENT_TYPE } from './cards/elements.js';
import { mentionsBot, mentionsOf, runTeamsCommand } from './commands.js';
import type { TeamsBotDeps } from './context.js';
import { activityRef, baseConversationId, teamsActor } from './ids.js';
import type { InstallTracker } from './install.js';
import { cardActivity, textActivity } from './platform.js';
import { caseViewOf } from '../../src/chat/forms.js';

const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

function teamIdOf(activity: Partial<Activity>): string | null {
  return (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id ?? null;
}

function tenantIdOf(activity: Partial<Activity>): string | null {
  return (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId ?? null;
}

/** A conversation's thread root (`19:…;messageid=<root>`), when the message is a reply in a channel thread. */
function threadRootOf(activity: Partial<Activity>): string | null {
  const match = /;messageid=(\d+)/.exec(activity.conversation?.id ?? '');
  return match?.[1] ?? null;
}

/**
 * Klaxon in Teams: card actions (Action.Execute invokes, and Action.Submit from older clients),
 * `@Klaxon …` commands, notes typed in a card's thread, and install events that teach it where
 * it may post. Every action ends in the same core verb Slack uses; this class only translates.
 */
export class KlaxonTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: TeamsBotDeps,
    private readonly installs: InstallTracker,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.#message(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      const activity = context.activity;
      const botId = activity.recipient?.id;
      if (activity.membersAdded?.some((m) => m.id === botId)) await this.installs.installed(context);
      else if (activity.membersRemoved?.some((m) => m.id === botId)) this.installs.uninstalled(activity);
      else this.installs.channelEvent(activity);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installs.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      this.installs.uninstalled(context.activity);
      await next();
    });
  }

  /** Teams retries a delivery it got no answer for; the activity id stays the same. */
  async #firstTime(activity: Partial<Activity>): Promise<boolean> {
    if (!activity.id) return true;
    return firstDeliveryInTurn(
      this.deps.cases.db,
      `teams:activity:${activity.conversation?.id ?? ''}:${activity.id}`,
      this.deps.cases.clock.now(),
    );
  }

  #actionInput(context: TurnContext, data: Record<string, unknown>): ActionInput {
    const from = context.activity.from;
    return {
      data,
      actor: teamsActor({ id: from.id, name: from.name ?? null, aadObjectId: from.aadObjectId ?? null }),
      teamId: teamIdOf(context.activity),
      tenantId: tenantIdOf(context.activity),
      formId: context.activity.id ? `${baseConversationId(context.activity.conversation?.id ?? '')}:${context.activity.id}` : null,
      lookupName: async (id) => {
        try {
          return (await TeamsInfo.getMember(context, id)).name ?? null;
        } catch {
          return null;
        }
      },
    };
  }

  /** Action.Execute: the answer replaces the card for the person who clicked. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    this.installs.touch(context.activity);
    const data = (value.action.data ?? {}) as Record<string, unknown>;
    let result: ActionResult;
    if (!(await this.#firstTime(context.activity))) {
      // A repeat of a delivery already acted on: show the case as it is, act on nothing.
      const view = caseViewOf(this.deps.cases, Number(data.caseId) || 0);
      result = view ? { kind: 'card', card: renderCaseCard(view) } : { kind: 'message', text: 'Already done.' };
    } else {
      result = await runCardAction(this.deps, value.action.verb ?? data.klaxonVerb, this.#actionInput(context, data));
    }
    if (result.kind === 'card') return { statusCode: 200, type: CARD_CONTENT_TYPE, value: { ...result.card } };
    // Teams shows a message response to the clicker and leaves the card as it is. botbuilder
    // types `value` as an object; for this response type the protocol carries a string.
    return { statusCode: 200, type: MESSAGE_TYPE, value: result.text as unknown as Record<string, unknown> };
  }

  async #message(context: TurnContext): Promise<void> {
    const activity = context.activity;
    this.installs.touch(activity);
    if (!(await this.#firstTime(activity))) return;
    const value = activity.value as Record<string, unknown> | undefined;
    if (value && typeof value.klaxonVerb === 'string') {
      await this.#submitFallback(context, value);
      return;
    }
    const root = threadRootOf(activity);
    const addressed = activity.conversation?.conversationType === 'personal' || mentionsBot(activity);
    if (!addressed) {
      // Teams delivers un-mentioned channel messages only with the ChannelMessage.Read.Group
      // permission: a reply under a card is an internal note, anything else is not for Klaxon.
      if (root) await this.#threadNote(context, root);
      return;
    }
    await this.#learnMentioned(context);
    const reply = await runTeamsCommand(activity, this.deps);
    const answer = reply.card ? cardActivity(reply.card) : textActivity(reply.text);
    // Everyone in a channel or group chat reads the thread: an answer for the asker goes to their 1:1 chat.
    if (reply.audience === 'asker' && activity.conversation?.conversationType !== 'personal') await this.#answerPrivately(context, answer);
    else await this.#send(context, answer);
  }

  /** Sends an answer to the asker's 1:1 chat and says so in the thread; never posts it in the thread instead. */
  async #answerPrivately(context: TurnContext, answer: Partial<Activity>): Promise<void> {
    const from = context.activity.from;
    try {
      await this.deps.sendPrivately(from.aadObjectId ?? from.id, answer);
    } catch (error) {
      this.deps.logger.warn('could not answer a Teams command in a 1:1 chat', { err: error });
      const why = 'I could not open a private chat with you, and this answer is for you alone, so it is not posted here.';
      await this.#send(context, textActivity(`${why} Open Klaxon from Apps (a 1:1 chat) and ask there.`));
      return;
    }
    await this.#send(context, textActivity('📬 Sent to you in your 1:1 chat with Klaxon, where only you can read it.'));
  }

  /**
   * Teams' mention entities carry a person's `29:` id, not the Microsoft Entra id permissions
   * name them by: people Klaxon has not met are looked up (a few, each at most once), so a
   * hand-off by mention reaches the right person and is checked against permissions.agents.
   */
  async #learnMentioned(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const unknown = mentionsOf(activity)
      .map((m) => m.mentioned!)
      .filter((m) => m.id !== activity.recipient?.id && !/@thread\./.test(m.id) && !m.aadObjectId)
      .filter((m) => !this.deps.conversations.user(m.id)?.aadObjectId)
      .slice(0, 5);
    await Promise.all(
      unknown.map(async (m) => {
        try {
          const member = await TeamsInfo.getMember(context, m.id);
          if (!member.aadObjectId) return;
          const person = { id: m.id, name: member.name ?? m.name ?? null, aadObjectId: member.aadObjectId };
          this.deps.conversations.rememberUser(person, undefined, tenantIdOf(activity));
        } catch {
          // Not found or not allowed: the mention stays as Teams gave it, and permissions decide on that.
        }
      }),
    );
  }

  /** Action.Submit from clients without Universal Actions: same handlers, answered by updating the card. */
  async #submitFallback(context: TurnContext, data: Record<string, unknown>): Promise<void> {
    const result = await runCardAction(this.deps, data.klaxonVerb, this.#actionInput(context, data));
    const cardId = context.activity.replyToId;
    if (result.kind === 'card' && cardId) {
      await context.updateActivity({ ...cardActivity(result.card), id: cardId });
    } else {
      await this.#send(context, textActivity(result.kind === 'message' ? result.text : 'Done.'));
    }
  }

  async #threadNote(context: TurnContext, root: string): Promise<void> {
    const activity = context.activity;
    const text = (activity.text ?? '').trim();
    if (!text) return;
    const caseId = caseIdForCard(this.deps.cases.db, 'teams', activityRef(baseConversationId(activity.conversation.id), root));
    if (caseId === null) return;
    const actor = teamsActor({ id: activity.from.id, name: activity.from.name ?? null, aadObjectId: activity.from.aadObjectId ?? null });
    const outcome = await refusalOf(() => noteCase({ ctx: this.deps.cases, input: { caseId, actor, text, fromThread: true } }));
    if (!outcome.ok) await this.#send(context, textActivity(CHAT_TEXT.noteRefused(outcome.message)));
  }

  /**
   * A reply within the turn. A 429 paused the conversation's queue in the transport; one more
   * try waits behind that pause, so an answer is not lost to a short rate limit.
   */
  async #send(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    try {
      await context.sendActivity(activity);
    } catch (error) {
      if (!(error instanceof RetryableError) || (error.retryAfterMs ?? 0) > 10_000) throw error;
      await context.sendActivity(activity);
    }
  }
}
