import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { PlatformId } from '../../src/ports.js';

/** The buttons every triage card carries on an open case (docs/CONTRACT.md §5), in order. */
export const OPEN_CASE_BUTTONS = ['Claim', 'Reply', 'Move to DM', 'Hand off', 'Escalate', 'Resolve'];

export type Person = 'agent' | 'outsider';

/** A chat platform's card as the (fake) platform holds it now. */
export interface PlatformCard {
  /** Everything the card shows, serialised (Block Kit or Adaptive Card JSON). */
  content: string;
  /** Button labels in order. */
  buttons: string[];
  /** Top-level messages posted for this case in its channel (one card, never a second). */
  posts: number;
  /** Times the card was replaced in place. */
  updates: number;
  /** The platform's id of the channel (conversation) the card is in. */
  channel: string;
}

/**
 * What the contract needs from one chat adapter running inside the app against a loopback fake
 * of its platform. `agent` may act (permissions.agents lists them); `outsider` may not.
 */
export interface ChatPlatformDriver {
  readonly platform: PlatformId;
  /** The app's database, to check what changed (audit rows, the case). */
  readonly db: Db;
  /** The default (triage) channel: as configured (`target`) and as the platform names it (`channel`). */
  readonly triage: { target: string; channel: string };
  /** How the card names the agent as owner (a mention on Slack, a name on Teams). */
  readonly agentOnCard: string;
  /** The agent's actor id (`slack:U…`, `teams:<aad id>`). */
  readonly agentActorId: string;
  /** Opens a new case (ingest) and waits until its card is posted; returns the case id. */
  openCase(text: string): Promise<number>;
  card(caseId: number): PlatformCard;
  /**
   * Clicks the card's Claim button as a person and waits until the click was handled. Returns
   * what that person alone was told (an ephemeral message, an invoke's message), or null.
   */
  clickClaim(caseId: number, as: Person): Promise<string | null>;
  /** Runs a chat command (`/klaxon …`, `@Klaxon …`) and returns the answer as text. */
  command(text: string, as: Person): Promise<string>;
  /** Waits until the outbox has sent everything that is due. */
  settle(): Promise<void>;
  /**
   * From now on the fake platform refuses every full case card, posted or updated, as the
   * platform refuses a payload (a rule of the platform the renderer cannot know about, such as a
   * lower size limit or an element some client cannot render). Returns the platform's error code.
   */
  refuseFullCards(): string;
  /**
   * Opens a case routed (by the config's routing rules) to a channel the bot cannot post in —
   * a private channel it was never invited to, a conversation it was removed from — and waits
   * until its card went somewhere. Returns the case, the configured target and the platform's code.
   */
  openCaseWhereBotCannotPost(text: string): Promise<{ caseId: number; routedTo: string; code: string }>;
  /** GET /metrics as the app serves it. */
  metrics(): Promise<string>;
  /** Every line the app logged (at debug level) since it started. */
  logs(): string[];
  close(): Promise<void>;
}

function claims(db: Db, caseId: number): number {
  return db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'claimed')))
    .all().length;
}

function fallbacksOf(db: Db, caseId: number): unknown[] {
  return db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'card_fallback')))
    .all()
    .map((e) => e.detail);
}

function ownerOf(db: Db, caseId: number): string | null {
  return db.select({ ownerId: cases.ownerId }).from(cases).where(eq(cases.id, caseId)).get()?.ownerId ?? null;
}

/**
 * One suite every chat adapter passes: posting a card, updating it in place, a button acting
 * once, a command, a refusal for a person without permission — and no case lost to a platform's
 * refusal: a card refused in full goes out in short form, and one whose channel cannot take
 * posts goes to the default channel, each counted, audited and logged without customer text.
 */
export function chatPlatformContract(name: string, start: () => Promise<ChatPlatformDriver>): void {
  describe(`chat platform contract: ${name}`, () => {
    let d: ChatPlatformDriver;
    beforeEach(async () => {
      d = await start();
    });
    afterEach(async () => {
      await d.close();
    });

    it('posts one card for a new case, with the reference, the customer text and the contract buttons', async () => {
      const id = await d.openCase('My parcel never arrived and support ignores me');
      const card = d.card(id);
      expect(card.posts).toBe(1);
      expect(card.buttons).toEqual(OPEN_CASE_BUTTONS);
      expect(card.content).toContain(`K-${id}`);
      expect(card.content).toContain('My parcel never arrived');
    });

    it('updates the card in place when the case changes', async () => {
      const id = await d.openCase('Charged twice for one order');
      expect(d.card(id).content).not.toContain(d.agentOnCard);
      await d.clickClaim(id, 'agent');
      await d.settle();
      const card = d.card(id);
      expect(card.posts).toBe(1);
      expect(card.updates).toBeGreaterThanOrEqual(1);
      expect(card.content).toContain(d.agentOnCard);
    });

    it('a button acts once: clicked twice, the case changes once and the second click is told so', async () => {
      const id = await d.openCase('The app logs me out every five minutes');
      expect(await d.clickClaim(id, 'agent')).toBeNull();
      expect(await d.clickClaim(id, 'agent')).toContain(`already own K-${id}`);
      expect(claims(d.db, id)).toBe(1);
      await d.settle();
      expect(d.card(id).posts).toBe(1);
    });

    it('runs a command with the shared grammar', async () => {
      const id = await d.openCase('Still waiting for my refund after two weeks');
      expect(await d.command('queue', 'agent')).toContain(`K-${id}`);
      expect(await d.command(`claim K-${id}`, 'agent')).toContain(`You own K-${id} now.`);
      expect(ownerOf(d.db, id)).toBe(d.agentActorId);
      expect(await d.command('frobnicate', 'agent')).toContain('unknown command');
    });

    it('refuses a person without permission, by button and by command, and nothing changes', async () => {
      const id = await d.openCase('Your courier broke my door');
      expect(await d.clickClaim(id, 'outsider')).toContain('not on the list');
      expect(await d.command(`claim K-${id}`, 'outsider')).toContain('not on the list');
      expect(ownerOf(d.db, id)).toBeNull();
      expect(claims(d.db, id)).toBe(0);
      await d.settle();
      expect(d.card(id).updates).toBe(0);
    });

    it(
      'a card the platform refuses in full goes out in short form, posted and updated: counted, audited, ' +
        'logged with the code and never the text',
      async () => {
        const code = d.refuseFullCards();
        const text = 'I was charged four times, my account is 99887766, please call me back';
        const id = await d.openCase(text);
        let card = d.card(id);
        expect(card.posts).toBe(1);
        expect(card.channel).toBe(d.triage.channel);
        expect(card.buttons).toEqual(OPEN_CASE_BUTTONS);
        expect(card.content).toContain(`K-${id}`);
        expect(card.content).toContain('I was charged four times');
        expect(card.content).toMatch(/short form/i);
        expect(fallbacksOf(d.db, id)).toEqual([{ platform: d.platform, kind: 'card.post', code }]);

        await d.clickClaim(id, 'agent');
        await d.settle();
        card = d.card(id);
        expect(card.posts).toBe(1);
        expect(card.updates).toBeGreaterThanOrEqual(1);
        expect(card.content).toMatch(/short form/i);
        expect(ownerOf(d.db, id)).toBe(d.agentActorId);
        expect(fallbacksOf(d.db, id)).toContainEqual({ platform: d.platform, kind: 'card.update', code });

        const metrics = await d.metrics();
        expect(metrics).toContain(`klaxon_card_fallbacks_total{platform="${d.platform}",kind="card.post",code="${code}"} 1`);
        expect(metrics).toMatch(
          new RegExp(`klaxon_card_fallbacks_total\\{platform="${d.platform}",kind="card.update",code="${code}"\\} [1-9]`),
        );
        const logs = d.logs();
        expect(logs.filter((l) => l.includes('short form') && l.includes(`"code":"${code}"`)).length).toBeGreaterThanOrEqual(2);
        expect(logs.join('\n')).not.toContain('99887766');
      },
    );

    it('a card routed to a channel the bot cannot post in reaches the default channel, and the case says where and why', async () => {
      const { caseId, routedTo, code } = await d.openCaseWhereBotCannotPost('My invoice is wrong again and I am moving house next week');
      const card = d.card(caseId);
      expect(card.channel).toBe(d.triage.channel);
      expect(card.posts).toBe(1);
      expect(card.buttons).toEqual(OPEN_CASE_BUTTONS);
      expect(card.content).toContain('My invoice is wrong again');
      expect(fallbacksOf(d.db, caseId)).toEqual([
        { platform: d.platform, kind: 'card.reroute', code, routedTo, postedTo: d.triage.target },
      ]);
      expect(await d.metrics()).toContain(`klaxon_card_fallbacks_total{platform="${d.platform}",kind="card.reroute",code="${code}"} 1`);
      expect(d.logs().join('\n')).not.toContain('moving house');
    });
  });
}
