import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/** The buttons every triage card carries on an open case (CONTRACT §5), in order. */
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
}

/**
 * What the contract needs from one chat adapter running inside the app against a loopback fake
 * of its platform. `agent` may act (permissions.agents lists them); `outsider` may not.
 */
export interface ChatPlatformDriver {
  /** The app's database, to check what changed (audit rows, the case). */
  readonly db: Db;
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
  close(): Promise<void>;
}

function claims(db: Db, caseId: number): number {
  return db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'claimed'))).all().length;
}

function ownerOf(db: Db, caseId: number): string | null {
  return db.select({ ownerId: cases.ownerId }).from(cases).where(eq(cases.id, caseId)).get()?.ownerId ?? null;
}

/**
 * One suite every chat adapter passes: posting a card, updating it in place, a button acting
 * once, a command, a refusal for a person without permission.
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
  });
}
