import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { openDatabase } from '../../../db/client.js';
import { cardRefs, cases, mentions, outbox } from '../../../db/schema/index.js';
import { SlackWorkspace } from '../../../dev/sandbox/slack-api/store.js';
import { mention, type MentionFixture } from '../../helpers/ingest.js';

/**
 * Fixtures for tests that run the real server as a child process: a config file that spreads
 * cases over many Slack channels (Slack pacing is one card per second per channel, so a storm
 * on one channel would take minutes), mentions for those channels, and read-back helpers.
 */

export const sourceFor = (channel: number) => `s${String(channel).padStart(2, '0')}`;
export const channelFor = (channel: number) => `CR${String(channel).padStart(2, '0')}`;

/** Writes a config file routing source `sNN` to channel `CRNN`, and returns its path. */
export function writeRoutedConfig(dir: string, channels: number): string {
  const routing = Array.from({ length: channels }, (_, i) => ({ match: { sources: [sourceFor(i)] }, slack: channelFor(i) }));
  const path = join(dir, 'klaxon.config.json');
  writeFileSync(path, JSON.stringify({ routing }));
  return path;
}

const WORDS = (
  'parcel refund invoice courier driver kitchen boiler engineer appointment tariff meter router signal outage ' +
  'password login account app update screen battery charger delivery warehouse store manager receipt voucher ' +
  'subscription renewal contract cancel upgrade downgrade broadband landline mobile roaming bill statement ' +
  'overdraft transfer card pin branch cashier queue hold music agent chat email letter complaint ombudsman ' +
  'flight luggage gate seat booking hotel room towel breakfast taxi train ticket platform station'
).split(' ');

/** Text no two mentions share much of: storm clustering must not fold them into one case. */
function distinctText(i: number): string {
  let seed = (i + 1) * 2654435761;
  const pick = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return WORDS[seed % WORDS.length]!;
  };
  return `Complaint ${i}: ${Array.from({ length: 9 }, pick).join(' ')}`;
}

/** A workspace with the triage channel and the `channels` routed ones, the bot invited to each. */
export function fleetWorkspace(channels: number): SlackWorkspace {
  return new SlackWorkspace({
    channels: [
      { id: 'CTRIAGE', name: 'triage' },
      ...Array.from({ length: channels }, (_, i) => ({ id: channelFor(i), name: `routed-${i}` })),
    ],
  });
}

/** `total` mentions from distinct authors with distinct texts, dealt round-robin over the channels. */
export function fleetMentions(total: number, channels: number, prefix: string, createdAt = new Date().toISOString()): MentionFixture[] {
  return Array.from({ length: total }, (_, i) =>
    mention({
      id: `${prefix}-${i}`,
      source: sourceFor(i % channels),
      author: { id: `${prefix}-author-${i}`, handle: `cust${i}`, followers: 10 + i },
      text: distinctText(i),
      createdAt,
    }),
  );
}

/** Case id a card message names in its metadata (how Klaxon finds its cards after a crash). */
function caseIdOf(metadata: unknown): number | null {
  const id = (metadata as { event_payload?: { case_id?: unknown } } | null)?.event_payload?.case_id;
  return id === undefined ? null : Number(id);
}

/** Top-level card messages in the workspace, grouped by the case they belong to. */
export function cardsByCase(workspace: SlackWorkspace): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of workspace.messages) {
    if (m.threadTs !== null) continue;
    const id = caseIdOf(m.metadata);
    if (id !== null) out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

/** chat.postMessage calls that created a card (whether or not their answer ever got back), by case. */
export function cardPostsByCase(workspace: SlackWorkspace): Map<number, number> {
  const out = new Map<number, number>();
  for (const call of workspace.callsTo('chat.postMessage')) {
    if (call.args.thread_ts) continue;
    const raw = call.args.metadata;
    const id = caseIdOf(typeof raw === 'string' ? JSON.parse(raw) : raw);
    if (id !== null) out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

export interface StoredState {
  /** Rows per `source:id`: exactly one each means nothing was lost or doubled. */
  mentionRows: Map<string, number>;
  caseIds: number[];
  cardRefs: { caseId: number; ref: string }[];
  outboxByStatus: Record<string, number>;
}

/** Opens a database file the server has closed and reads what the reliability tests check. */
export function readStoredState(path: string): StoredState {
  const handle = openDatabase(path, { migrate: false });
  try {
    const { db } = handle;
    const mentionRows = new Map<string, number>();
    for (const row of db.select({ source: mentions.source, id: mentions.externalId }).from(mentions).all()) {
      const key = `${row.source}:${row.id}`;
      mentionRows.set(key, (mentionRows.get(key) ?? 0) + 1);
    }
    const outboxByStatus: Record<string, number> = {};
    for (const row of db
      .select({ status: outbox.status, n: count() })
      .from(outbox)
      .where(eq(outbox.kind, 'card.post'))
      .groupBy(outbox.status)
      .all())
      outboxByStatus[row.status] = row.n;
    return {
      mentionRows,
      caseIds: db
        .select({ id: cases.id })
        .from(cases)
        .all()
        .map((r) => r.id),
      cardRefs: db.select({ caseId: cardRefs.caseId, ref: cardRefs.ref }).from(cardRefs).all(),
      outboxByStatus,
    };
  } finally {
    handle.close();
  }
}
