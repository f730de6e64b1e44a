import { TurnContext, type Activity, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import {
  RetryableError,
  TargetUnavailableError,
  type CaseView,
  type ChatPlatform,
  type Notice,
  type RenderOptions,
} from '../../src/ports.js';
import type { Digest } from '../../src/domain/digest.js';
import { renderCaseCard } from './cards/case-card.js';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/elements.js';
import { renderNotice } from './cards/notice.js';
import { digestCard } from './cards/report.js';
import { shortCaseCard, shortNotice } from './cards/short-form.js';
import { fitPlainText } from './cards/size.js';
import type { ConversationStore, KnownUser, StoredConversation } from './conversations.js';
import { toOutboxError } from './errors.js';
import { activityRef, looksLikeTeamsUser, parseActivityRef } from './ids.js';

/** The connector calls Klaxon makes; botbuilder's ConnectorClient has these (typed loosely in turn state). */
interface Connector {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

/** An unknown target may be a channel the app is about to be added to: look again in a minute. */
const UNKNOWN_TARGET_RETRY_MS = 60_000;

/** A plain-text message (Teams parses no markup in it), cut to fit a Teams message. */
export function textActivity(text: string): Partial<Activity> {
  return { type: 'message', text: fitPlainText(text), textFormat: 'plain' };
}

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return {
    type: 'message',
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
    ...(card.fallbackText ? { summary: card.fallbackText } : {}),
  };
}

/** The case card as asked: in full, or the short form after Teams refused the full one. */
function caseCardFor(view: CaseView, options: RenderOptions): AdaptiveCard {
  return options.shortForm ? shortCaseCard(view, options.shortForm.refusedWith) : renderCaseCard(view);
}

function noticeActivity(notice: Notice, options: RenderOptions): Partial<Activity> {
  const rendered = options.shortForm ? shortNotice(notice, options.shortForm.refusedWith) : renderNotice(notice);
  return typeof rendered === 'string' ? textActivity(rendered) : cardActivity(rendered);
}

/**
 * The core's ChatPlatform port on the Bot Framework connector. Every post is proactive (from a
 * stored conversation reference, through CloudAdapter.continueConversationAsync), so cards go
 * where routing says, not only where someone last spoke.
 */
export class TeamsPlatform implements ChatPlatform {
  readonly id = 'teams' as const;

  readonly #appId: string;
  readonly #oauthScope: string;
  readonly #tenantId: string | null;

  constructor(
    private readonly adapter: CloudAdapter,
    bot: {
      appId: string;
      /** The audience of the bot's own token (the connector). */
      oauthScope: string;
      /** TEAMS_TENANT_ID: a single-tenant bot's only tenant. */
      tenantId: string | null;
    },
    private readonly store: ConversationStore,
  ) {
    this.#appId = bot.appId;
    this.#oauthScope = bot.oauthScope;
    this.#tenantId = bot.tenantId;
  }

  async postCard(target: string, view: CaseView, options: RenderOptions = {}): Promise<{ ref: string }> {
    const conversation = this.#target(target);
    const id = await this.#send(conversation, cardActivity(caseCardFor(view, options)));
    return { ref: activityRef(conversation.conversationId, id) };
  }

  async updateCard(ref: string, view: CaseView, options: RenderOptions = {}): Promise<void> {
    const { conversationId, activityId } = parseActivityRef(ref);
    const conversation = this.#known(conversationId);
    await this.#withConnector(conversation, (c, base) =>
      c.conversations.updateActivity(conversationId, activityId, { ...base, ...cardActivity(caseCardFor(view, options)), id: activityId }),
    );
  }

  /** The card's thread: in a channel a reply to the card lands under it; in a chat it follows it. */
  async postInThread(ref: string, text: string): Promise<void> {
    const { conversationId, activityId } = parseActivityRef(ref);
    const conversation = this.#known(conversationId);
    await this.#withConnector(conversation, (c, base) =>
      c.conversations.replyToActivity(conversationId, activityId, { ...base, ...textActivity(text) }),
    );
  }

  async postNotice(target: string, notice: Notice, options: RenderOptions = {}): Promise<{ ref: string }> {
    const activity = noticeActivity(notice, options);
    const conversation =
      this.store.resolve(target) ??
      (looksLikeTeamsUser(target) || this.store.user(target) ? await this.#personalChat(target) : this.#target(target));
    const id = await this.#send(conversation, activity);
    return { ref: activityRef(conversation.conversationId, id) };
  }

  /** A message for one person alone, in their 1:1 chat with Klaxon (opened in their tenant if there is none yet). */
  async sendToPerson(userId: string, activity: Partial<Activity>): Promise<void> {
    await this.#send(await this.#personalChat(userId), activity);
  }

  async postDigest(target: string, digest: Digest, chartPng: Buffer): Promise<{ ref: string }> {
    const conversation = this.#target(target);
    const id = await this.#send(conversation, cardActivity(digestCard(digest, chartPng)));
    return { ref: activityRef(conversation.conversationId, id) };
  }

  /** A deep link to the card, from what was stored at install (team group id, tenant). */
  async cardLink(ref: string): Promise<string | null> {
    const { conversationId, activityId } = parseActivityRef(ref);
    const conversation = this.store.get(conversationId);
    if (!conversation) return null;
    const base = `https://teams.microsoft.com/l/message/${encodeURIComponent(conversationId)}/${encodeURIComponent(activityId)}`;
    if (conversation.kind !== 'channel') return `${base}?context=${encodeURIComponent(JSON.stringify({ contextType: 'chat' }))}`;
    const query = new URLSearchParams({ parentMessageId: activityId });
    if (conversation.tenantId) query.set('tenantId', conversation.tenantId);
    if (conversation.teamAadGroupId) query.set('groupId', conversation.teamAadGroupId);
    if (conversation.teamName) query.set('teamName', conversation.teamName);
    if (conversation.channelName) query.set('channelName', conversation.channelName);
    return `${base}?${query.toString()}`;
  }

  /**
   * A routing target's conversation. One Klaxon was removed from (Teams said so: the app was
   * uninstalled, the channel deleted) cannot take posts until someone adds the app again, so a
   * card goes to the default channel instead; one never seen may be about to be added: wait.
   */
  #target(target: string): StoredConversation {
    const conversation = this.store.resolve(target);
    if (conversation) return conversation;
    if (this.store.removed(target))
      throw new TargetUnavailableError(
        'ConversationRemoved',
        `Klaxon was removed from Teams conversation "${target}" (the app was uninstalled or the channel deleted): ` +
          `add the Klaxon app to it again, or change the routing.`,
      );
    throw new RetryableError(
      `Teams conversation "${target}" is unknown: add the Klaxon app to that team or chat first`,
      UNKNOWN_TARGET_RETRY_MS,
    );
  }

  #known(conversationId: string): StoredConversation {
    const conversation = this.store.get(conversationId);
    if (!conversation) throw new Error(`Klaxon is no longer in Teams conversation ${conversationId}`);
    return conversation;
  }

  async #send(conversation: StoredConversation, activity: Partial<Activity>): Promise<string> {
    const res = await this.#withConnector(conversation, (c, base) =>
      c.conversations.sendToConversation(conversation.conversationId, { ...base, ...activity }),
    );
    if (!res.id) throw new Error('the Teams connector answered without an activity id');
    return res.id;
  }

  /**
   * Runs connector calls inside a proactive turn. Errors are carried out of the turn by hand:
   * CloudAdapter would hand them to onTurnError, and the outbox must see them to retry.
   */
  async #withConnector<T>(
    conversation: StoredConversation,
    call: (connector: Connector, base: Partial<Activity>) => Promise<T>,
  ): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    try {
      await this.adapter.continueConversationAsync(this.#appId, conversation.reference, async (context) => {
        const connector = context.turnState.get<Connector>(this.adapter.ConnectorClientKey);
        const base = TurnContext.applyConversationReference({}, conversation.reference);
        try {
          outcome = {
            ok: true,
            value: await call(connector, { from: base.from, conversation: base.conversation, recipient: base.recipient }),
          };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      // Before any call: the token for the connector could not be had (network, Entra ID).
      throw new RetryableError('could not open a Teams connector', null, { cause: error });
    }
    const result = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
    if (!result) throw new Error('the Teams proactive turn did not run');
    if (!result.ok) throw toOutboxError(result.error);
    return result.value;
  }

  /**
   * The tenant a person belongs to: as Teams last told us, else the bot's own tenant (a
   * single-tenant bot serves one organisation), else the only tenant the bot is installed in.
   */
  #tenantOf(known: KnownUser | null): string {
    if (known?.tenantId && !this.store.serves(known.tenantId)) {
      const why = `that person belongs to a Microsoft Entra tenant Klaxon does not serve (${known.tenantId})`;
      throw new TargetUnavailableError('TenantNotServed', `${why}; add it to teams.tenants if it should`);
    }
    if (known?.tenantId) return known.tenantId;
    if (this.#tenantId) return this.#tenantId;
    const tenants = this.store.tenants();
    if (tenants.length === 1) return tenants[0]!;
    throw new Error(
      tenants.length === 0
        ? 'Klaxon is in no Teams conversation yet, so it cannot start a chat with anyone'
        : 'Klaxon is installed in several Teams organisations and has not met this person yet, ' +
            'so it cannot tell which one to open the chat in; they should message Klaxon once',
    );
  }

  /** The bot's 1:1 chat with a person: the stored one, or a new one the connector creates in their tenant. */
  async #personalChat(userId: string): Promise<StoredConversation> {
    const known = this.store.user(userId);
    const existing = known?.personalConversationId ? this.store.get(known.personalConversationId) : null;
    if (existing) return existing;
    const tenantId = this.#tenantOf(known);
    const anchor = this.store.anyInTenant(tenantId);
    if (!anchor?.reference.serviceUrl)
      throw new RetryableError(
        `Klaxon is in no Teams conversation of the person's organisation (tenant ${tenantId}) yet, so it cannot start a chat there`,
        UNKNOWN_TARGET_RETRY_MS,
      );
    const member = known?.id ?? userId;
    // Teams needs the tenant twice: as `tenantId` and in channelData, or it answers 400.
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: anchor.reference.bot?.id ?? '', name: anchor.reference.bot?.name ?? 'Klaxon' },
      members: [{ id: member, name: known?.name ?? '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    let created: StoredConversation | null = null;
    await this.adapter.createConversationAsync(
      this.#appId,
      'msteams',
      anchor.reference.serviceUrl,
      this.#oauthScope,
      parameters,
      async (context) => {
        const ref = TurnContext.getConversationReference(context.activity);
        const { activityId: _ignored, ...reference } = ref;
        created = {
          conversationId: ref.conversation!.id,
          kind: 'personal',
          name: null,
          teamId: null,
          teamName: null,
          teamAadGroupId: null,
          channelName: null,
          tenantId,
          userId: member,
          reference,
        };
      },
    );
    const conversation = created as StoredConversation | null;
    if (!conversation) throw new Error('Teams did not create the chat');
    this.store.save(conversation);
    this.store.rememberUser(
      {
        id: member,
        name: known?.name ?? null,
        aadObjectId: known?.aadObjectId ?? (looksLikeTeamsUser(userId) && !userId.startsWith('29:') ? userId : null),
      },
      conversation.conversationId,
      tenantId,
    );
    return conversation;
  }
}
