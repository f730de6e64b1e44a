import type { FetchMessageObject, ImapFlow, MessageEnvelopeObject } from 'imapflow';
import type { Clock } from '../../../src/clock.js';
import type { Logger } from '../../../src/log.js';
import type { CursorStore } from '../../source-kit/types.js';
import { fallbackMessageId, normalizeMessageId } from '../message-id.js';
import { parseMime, parsedFromMime } from '../mime.js';
import type { ParsedEmail } from '../parsed.js';
import type { ThreadStore } from '../thread-store.js';
import { attachmentsFromStructure } from './structure.js';

/**
 * One pass over the mailbox: read what arrived since the last UID we ingested, oldest first,
 * and move the cursor past each message only after it was ingested. The cursor is
 * `{uidValidity, lastUid, lastDate}`: a UID means nothing under another UIDVALIDITY, so when the
 * server renumbers the mailbox the pass re-reads by date instead and skips every message it
 * already ingested (by Message-ID), downloading nothing twice.
 */
export interface ImapCursor {
  uidValidity: string;
  lastUid: number;
  /** INTERNALDATE of the newest message ingested (ISO), where a re-sync starts looking. */
  lastDate: string | null;
}

export interface SyncDeps {
  client: ImapFlow;
  mailbox: string;
  cursorKey: string;
  cursors: CursorStore;
  threads: ThreadStore;
  clock: Clock;
  logger: Logger;
  /** Hands one message to the core; throws when it could not be stored (the cursor stays put). */
  accept(parsed: ParsedEmail): Promise<void>;
  /** Counts a call to the server (for /metrics). */
  counted(op: string): void;
  batch: number;
  maxDownloadBytes: number;
  firstSyncHours: number;
}

/** Messages looked at (by sequence number, newest) when reading by date. */
const RECENT_WINDOW = 500;
/** A re-sync looks back this far before the newest message already ingested (server clocks differ). */
const RESYNC_MARGIN_MS = 60 * 60_000;

interface Candidate {
  uid: number;
  id: string;
  internalDate: Date | null;
}

export interface SyncSummary {
  ingested: number;
  skipped: number;
  mode: 'new' | 'first' | 'resync';
}

function asDate(value: Date | string | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The id a message is known by, from its envelope (the same in the listing and in the download). */
export function envelopeId(envelope: MessageEnvelopeObject | undefined): string {
  return (
    normalizeMessageId(envelope?.messageId) ??
    fallbackMessageId({ date: asDate(envelope?.date), from: envelope?.from?.[0]?.address ?? null, subject: envelope?.subject ?? null })
  );
}

async function readCursor(d: SyncDeps): Promise<ImapCursor | null> {
  const raw = await d.cursors.get(d.cursorKey);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as ImapCursor;
    return typeof value.uidValidity === 'string' && Number.isSafeInteger(value.lastUid) ? value : null;
  } catch {
    return null;
  }
}

async function list(d: SyncDeps, range: string, byUid: boolean): Promise<FetchMessageObject[]> {
  d.counted('imap.list');
  return d.client.fetchAll(range, { uid: true, envelope: true, internalDate: true }, { uid: byUid });
}

function candidates(messages: readonly FetchMessageObject[], keep: (m: FetchMessageObject) => boolean): Candidate[] {
  return messages
    .filter(keep)
    .map((m) => ({ uid: m.uid, id: envelopeId(m.envelope), internalDate: asDate(m.internalDate) }))
    .sort((a, b) => a.uid - b.uid);
}

async function parseFetched(d: SyncDeps, message: FetchMessageObject, candidate: Candidate): Promise<ParsedEmail> {
  const receivedAt = candidate.internalDate ?? d.clock.now();
  const complete = (message.size ?? 0) <= d.maxDownloadBytes;
  const mime = await parseMime(message.source ?? Buffer.alloc(0));
  const parsed = parsedFromMime(mime, receivedAt);
  return {
    ...parsed,
    // The envelope's id, so the listing, the download and a later re-sync agree on it.
    messageId: candidate.id,
    // A message larger than what was downloaded: its attachments as the server lists them.
    attachments: complete ? parsed.attachments : attachmentsFromStructure(message.bodyStructure),
  };
}

export async function syncMailbox(d: SyncDeps): Promise<SyncSummary> {
  const box = d.client.mailbox;
  if (!box) throw new Error(`mailbox ${d.mailbox} is not open`);
  const uidValidity = String(box.uidValidity);
  const uidNextAtStart = box.uidNext;
  const cursor = await readCursor(d);
  let mode: SyncSummary['mode'];
  let found: Candidate[] = [];
  if (cursor && cursor.uidValidity === uidValidity) {
    mode = 'new';
    // `n:*` always includes the newest message, even when its UID is below n: filter.
    // (uidNext is only known as of SELECT: new mail announced by EXISTS is found by the listing.)
    if (box.exists > 0) found = candidates(await list(d, `${cursor.lastUid + 1}:*`, true), (m) => m.uid > cursor.lastUid);
  } else {
    mode = cursor ? 'resync' : 'first';
    const lastDate = cursor?.lastDate ? new Date(cursor.lastDate) : null;
    const since = lastDate
      ? new Date(lastDate.getTime() - RESYNC_MARGIN_MS)
      : new Date(d.clock.now().getTime() - d.firstSyncHours * 3_600_000);
    if (cursor)
      d.logger.warn('the mailbox was renumbered (UIDVALIDITY changed): re-reading recent mail; messages already ingested are skipped', {
        mailbox: d.mailbox,
        since: since.toISOString(),
      });
    else
      d.logger.info(
        `first start on this mailbox: importing mail received in the last ${d.firstSyncHours} hours; older mail is not imported`,
        { mailbox: d.mailbox },
      );
    const from = Math.max(1, box.exists - RECENT_WINDOW + 1);
    found =
      box.exists > 0
        ? candidates(await list(d, `${from}:*`, false), (m) => (asDate(m.internalDate)?.getTime() ?? 0) >= since.getTime())
        : [];
  }

  let position: ImapCursor = { uidValidity, lastUid: mode === 'new' && cursor ? cursor.lastUid : 0, lastDate: cursor?.lastDate ?? null };
  const advance = async (c: Candidate) => {
    position = {
      uidValidity,
      lastUid: Math.max(position.lastUid, c.uid),
      lastDate:
        c.internalDate && (!position.lastDate || c.internalDate.toISOString() > position.lastDate)
          ? c.internalDate.toISOString()
          : position.lastDate,
    };
    await d.cursors.set(d.cursorKey, JSON.stringify(position));
  };

  let ingested = 0;
  let skipped = 0;
  for (let i = 0; i < found.length; i += d.batch) {
    const chunk = found.slice(i, i + d.batch);
    const wanted: Candidate[] = [];
    for (const c of chunk) {
      if (await d.threads.known(c.id)) {
        skipped += 1;
        await advance(c);
      } else wanted.push(c);
    }
    if (wanted.length === 0) continue;
    d.counted('imap.fetch');
    const fetched = await d.client.fetchAll(
      wanted.map((c) => c.uid).join(','),
      { uid: true, envelope: true, bodyStructure: true, internalDate: true, size: true, source: { maxLength: d.maxDownloadBytes } },
      { uid: true },
    );
    const byUid = new Map(fetched.map((m) => [m.uid, m]));
    for (const c of wanted) {
      const message = byUid.get(c.uid);
      // Expunged between the listing and the download: nothing to read any more.
      if (message) {
        await d.accept(await parseFetched(d, message, c));
        ingested += 1;
      }
      await advance(c);
    }
  }
  // Past everything that existed when the pass began (older mail on a first start or re-sync is deliberately left).
  if (mode !== 'new' && uidNextAtStart && position.lastUid < uidNextAtStart - 1) {
    position = { ...position, lastUid: uidNextAtStart - 1 };
    await d.cursors.set(d.cursorKey, JSON.stringify(position));
  } else if (!cursor) {
    await d.cursors.set(d.cursorKey, JSON.stringify(position));
  }
  return { ingested, skipped, mode };
}
