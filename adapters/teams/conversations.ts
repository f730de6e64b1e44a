import type { ConversationReference } from 'botbuilder';
import { eq, like } from 'drizzle-orm';
import { kvState } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { readKv, writeKv, writeKvMany } from '../../src/kv-state.js';
import { TargetUnavailableError } from '../../src/ports.js';
import { teamsUserId, type TeamsUser } from './ids.js';

/**
 * Where the bot may post, learnt when it is installed: Teams only lets a bot post proactively
 * into a conversation it has a reference for (service URL, tenant, ids). Kept in kv_state so a
 * restart does not forget, under `teams:conv:<conversation id>`, with name keys
 * `teams:conv-name:<name>` so routing can say "Support/Triage" instead of a `19:…` id.
 */
export interface StoredConversation {
  conversationId: string;
  kind: 'channel' | 'personal' | 'groupChat';
  /** `Team/Channel` for a channel, the chat's title for a group chat, null for a personal chat. */
  name: string | null;
  teamId: string | null;
  teamName: string | null;
  /** The team's Microsoft 365 group id, for deep links to messages. */
  teamAadGroupId: string | null;
  channelName: string | null;
  tenantId: string | null;
  /** The person a personal chat is with (AAD object id or Teams user id). */
  userId: string | null;
  reference: Partial<ConversationReference>;
}

/** A person the bot has seen, so a `29:` id from a mention maps to the AAD id used as actor id. */
export interface KnownUser {
  id: string;
  aadObjectId: string | null;
  name: string | null;
  /** The bot's 1:1 chat with them, once one exists. */
  personalConversationId: string | null;
  /** Their Microsoft Entra tenant, as Teams said when they last wrote (absent in old records). */
  tenantId?: string | null;
}

const CONV = 'teams:conv:';
const NAME = 'teams:conv-name:';
const USER = 'teams:user:';
/** A conversation Klaxon was removed from: kept so a post routed there is known to be impossible, not merely early. */
const GONE = 'teams:conv-gone:';

const nameKey = (name: string): string => `${NAME}${name.trim().replace(/^#/, '').toLowerCase()}`;

/**
 * A routing name that fits more than one conversation Klaxon is in (two teams with a "Triage"
 * channel, a group chat named like a channel): Klaxon never guesses between them.
 */
export class AmbiguousConversationError extends TargetUnavailableError {
  constructor(target: string, matches: readonly StoredConversation[]) {
    const listed = matches
      .slice(0, 5)
      .map((c) => `"${c.name ?? c.channelName ?? c.conversationId}" (${c.conversationId})`)
      .join(', ');
    const fix = 'name it as Team/Channel or by its conversation id';
    super('AmbiguousConversation', `the Teams routing target "${target}" fits ${matches.length} conversations (${listed}); ${fix}`);
    this.name = 'AmbiguousConversationError';
  }
}

const bare = (name: string): string => name.trim().replace(/^#/, '').toLowerCase();

export class ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /**
     * The Microsoft Entra tenants Klaxon serves (TEAMS_TENANT_ID, config `teams.tenants`): a
     * conversation of any other organisation is never a place to post, whatever its name.
     */
    private readonly tenantIds: ReadonlySet<string>,
  ) {}

  /** Whether Klaxon serves this tenant. */
  serves(tenantId: string | null | undefined): boolean {
    return typeof tenantId === 'string' && this.tenantIds.has(tenantId);
  }

  save(conversation: StoredConversation): void {
    const now = this.clock.now();
    // Single statements, each atomic: kept out of transactions so that a sync caller never joins
    // one another flow has open (db/transaction.ts). The upsert comes first: a failure before the
    // "removed" mark goes leaves a conversation both known and marked removed, which reads as removed
    // until Teams says the bot was added again; never the reverse.
    const names = [conversation.name, conversation.kind === 'channel' ? conversation.channelName : null].filter((n): n is string =>
      Boolean(n),
    );
    writeKvMany(
      this.db,
      [
        { key: `${CONV}${conversation.conversationId}`, value: JSON.stringify(conversation) },
        ...names.map((name) => ({ key: nameKey(name), value: conversation.conversationId })),
      ],
      now,
    );
    this.db
      .delete(kvState)
      .where(eq(kvState.key, `${GONE}${conversation.conversationId}`))
      .run();
  }

  get(conversationId: string): StoredConversation | null {
    const raw = readKv(this.db, `${CONV}${conversationId}`);
    return raw ? (JSON.parse(raw) as StoredConversation) : null;
  }

  /**
   * A routing target: a conversation id, `Team/Channel`, or a channel name (case-insensitive,
   * `#` optional), among the conversations of the tenants Klaxon serves. Null when none fits;
   * AmbiguousConversationError when a name fits several.
   */
  resolve(target: string): StoredConversation | null {
    const direct = this.get(target);
    if (direct) return this.serves(direct.tenantId) ? direct : null;
    const wanted = bare(target);
    if (!wanted) return null;
    const named = (c: StoredConversation) =>
      bare(c.name ?? '') === wanted || (c.kind === 'channel' && bare(c.channelName ?? '') === wanted);
    const matches = this.all().filter((c) => this.serves(c.tenantId) && named(c));
    if (matches.length > 1) throw new AmbiguousConversationError(target, matches);
    return matches[0] ?? null;
  }

  /** `resolve`, with a name that fits several conversations taken as fitting none. */
  resolveOrNull(target: string): StoredConversation | null {
    try {
      return this.resolve(target);
    } catch (error) {
      if (error instanceof AmbiguousConversationError) return null;
      throw error;
    }
  }

  /** Forgets a conversation Teams said Klaxon left (uninstalled, channel deleted), and remembers that it did. */
  remove(conversationId: string): void {
    const now = this.clock.now();
    // The mark first: should the delete then fail, the conversation reads as removed (never posted to).
    writeKv(this.db, `${GONE}${conversationId}`, now.toISOString(), now);
    this.db
      .delete(kvState)
      .where(eq(kvState.key, `${CONV}${conversationId}`))
      .run();
  }

  /** Whether a routing target (id or name) names a conversation Klaxon was removed from and not added back to. */
  removed(target: string): boolean {
    const id = readKv(this.db, nameKey(target)) ?? target;
    return readKv(this.db, `${GONE}${id}`) !== undefined || readKv(this.db, `${GONE}${target}`) !== undefined;
  }

  all(): StoredConversation[] {
    return this.db
      .select({ value: kvState.value })
      .from(kvState)
      .where(like(kvState.key, `${CONV}%`))
      .all()
      .map((r) => JSON.parse(r.value) as StoredConversation);
  }

  channelsOfTeam(teamId: string): StoredConversation[] {
    return this.all().filter((c) => c.kind === 'channel' && c.teamId === teamId);
  }

  /**
   * A stored conversation of this tenant, whose service URL and bot identity start a new 1:1
   * chat there. Never one of another tenant: Teams would refuse it, or worse, open the chat in
   * the wrong organisation.
   */
  anyInTenant(tenantId: string): StoredConversation | null {
    if (!this.serves(tenantId)) return null;
    return this.all().find((c) => c.tenantId === tenantId && Boolean(c.reference.serviceUrl)) ?? null;
  }

  /** The tenants Klaxon serves that the bot is installed in. */
  tenants(): string[] {
    return [...new Set(this.all().flatMap((c) => (c.tenantId && this.serves(c.tenantId) ? [c.tenantId] : [])))];
  }

  rememberUser(user: TeamsUser, personalConversationId?: string, tenantId?: string | null): KnownUser {
    const known = this.user(teamsUserId(user)) ?? this.user(user.id);
    const record: KnownUser = {
      id: user.id,
      aadObjectId: user.aadObjectId ?? known?.aadObjectId ?? null,
      name: user.name ?? known?.name ?? null,
      personalConversationId: personalConversationId ?? known?.personalConversationId ?? null,
      tenantId: tenantId ?? known?.tenantId ?? null,
    };
    const now = this.clock.now();
    const value = JSON.stringify(record);
    const keys = [record.id, ...(record.aadObjectId ? [record.aadObjectId] : [])];
    writeKvMany(
      this.db,
      keys.map((key) => ({ key: `${USER}${key}`, value })),
      now,
    );
    return record;
  }

  /** A person by AAD object id or Teams user id. */
  user(id: string): KnownUser | null {
    const raw = readKv(this.db, `${USER}${id}`);
    return raw ? (JSON.parse(raw) as KnownUser) : null;
  }
}
