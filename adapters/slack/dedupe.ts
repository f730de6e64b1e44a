import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Clock } from '../../src/clock.js';
import { firstDeliveryInTurn } from '../../src/cases/deliveries.js';
import type { Db } from '../../db/types.js';

interface LooseBody {
  type?: string;
  event_id?: string;
  trigger_id?: string;
  user?: { id?: string };
  actions?: { action_id?: string; action_ts?: string }[];
  command?: string;
}

/** A key that is the same for a delivery and its retries, and different for every new click. */
export function deliveryKey(body: LooseBody): string | null {
  if (body.type === 'event_callback' && body.event_id) return `slack:event:${body.event_id}`;
  if (body.type === 'block_actions') {
    const action = body.actions?.[0];
    if (action?.action_ts) return `slack:action:${body.user?.id}:${action.action_id}:${action.action_ts}`;
  }
  if (body.trigger_id) return `slack:${body.type ?? body.command ?? 'payload'}:${body.trigger_id}`;
  return null;
}

/**
 * Global middleware: a delivery Slack retries (`X-Slack-Retry-Num`) or sends twice is
 * acknowledged and dropped, so no listener acts twice.
 */
export function dedupeDeliveries(db: Db, clock: Clock): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = deliveryKey(args.body as LooseBody);
    if (key && !(await firstDeliveryInTurn(db, key, clock.now()))) {
      const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}
