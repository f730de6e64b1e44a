import { createReadStream } from 'node:fs';
import { openDatabase } from '../../db/client.js';
import { configuredPlatforms, ingestDepsFor } from '../settings.js';
import { readJsonLines } from './json-lines.js';
import { systemClock } from '../../src/clock.js';
import type { Config } from '../../src/config/load.js';
import { acceptIngestItems } from '../../src/ingest/accept.js';
import { MAX_BATCH } from '../../src/ingest/schema.js';

/**
 * `klaxon replay <file>`: ingests a JSON-lines file into the configured database through the
 * same use-case as `POST /ingest` (the strict format, the same dedupe, scoring, routing, storms,
 * harm floors and cards, built from the same config), in batches of its size limit. Cards are
 * queued in the outbox for the configured platforms and sent when the server next runs.
 */
export async function replayCommand(config: Config, file: string, out: NodeJS.WritableStream): Promise<number> {
  const db = openDatabase(config.env.DATABASE_URL);
  const deps = ingestDepsFor(config, db.db, systemClock, { platforms: configuredPlatforms(config) });
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let items: unknown[] = [];
  let lines: number[] = [];
  const flush = async () => {
    if (items.length === 0) return;
    const outcome = await acceptIngestItems(deps, items);
    accepted += outcome.accepted;
    duplicates += outcome.duplicates;
    // One line per refused mention, naming every problem it has, as /ingest's 400 lists them.
    const problems = new Map<number, string[]>();
    for (const error of outcome.errors) problems.set(error.index, [...(problems.get(error.index) ?? []), error.message]);
    // The operator at the terminal may see why the database refused one (/ingest only logs it).
    for (const item of outcome.stored) {
      if (item.outcome === 'failed')
        problems.set(item.index, [`could not be stored (${item.error instanceof Error ? item.error.message : String(item.error)})`]);
    }
    rejected += problems.size;
    for (const [index, messages] of problems) out.write(`line ${lines[index]}: ${messages.join('; ')}\n`);
    items = [];
    lines = [];
  };
  try {
    for await (const line of readJsonLines(createReadStream(file))) {
      if (!line.ok) {
        rejected += 1;
        out.write(`line ${line.lineNo}: ${line.error}\n`);
        continue;
      }
      items.push(line.json);
      lines.push(line.lineNo);
      if (items.length >= MAX_BATCH) await flush();
    }
    await flush();
  } finally {
    db.close();
  }
  out.write(`accepted ${accepted}, duplicates ${duplicates}, rejected ${rejected}\n`);
  return rejected > 0 ? 1 : 0;
}
