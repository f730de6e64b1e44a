import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db/client.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { systemClock } from '../../src/clock.js';
import type { Config } from '../../src/config/load.js';
import { ingestMentions, type IngestDeps } from '../../src/ingest/ingest.js';
import { MAX_BATCH, mentionSchema, timingProblem, type MentionInput } from '../../src/ingest/schema.js';

/**
 * `klaxon replay <file>`: ingests a JSON-lines file into the configured database as `/ingest`
 * would (same validation, dedupe and case logic), in batches. Cards are queued in the outbox for
 * the configured platforms and sent when the server next runs.
 */
export async function replayCommand(config: Config, file: string, out: NodeJS.WritableStream): Promise<number> {
  const db = openDatabase(config.env.DATABASE_URL);
  const platforms = config.env.SLACK_BOT_TOKEN ? (['slack'] as const) : ([] as const);
  const deps: IngestDeps = {
    db: db.db,
    clock: systemClock,
    scoring: config.file.scoring,
    routing: { rules: config.file.routing, brands: config.file.brands, defaults: config.channels.triage ? { slack: config.channels.triage } : {} },
    vips: new VipDirectory(db.db, config.file.vips),
    platforms,
  };
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let batch: MentionInput[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const r = ingestMentions(deps, batch);
    accepted += r.accepted;
    duplicates += r.duplicates;
    rejected += r.failed.length;
    for (const f of r.failed) out.write(`mention ${batch[f.index]?.id ?? f.index}: could not be stored (${f.error instanceof Error ? f.error.message : String(f.error)})\n`);
    batch = [];
  };
  try {
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of rl) {
      lineNo += 1;
      if (!line.trim()) continue;
      let parsed;
      try {
        parsed = mentionSchema.safeParse(JSON.parse(line));
      } catch {
        rejected += 1;
        out.write(`line ${lineNo}: not valid JSON\n`);
        continue;
      }
      if (!parsed.success) {
        rejected += 1;
        out.write(`line ${lineNo}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(mention)'} ${i.message}`).join('; ')}\n`);
        continue;
      }
      const late = timingProblem(parsed.data, deps.clock.now());
      if (late) {
        rejected += 1;
        out.write(`line ${lineNo}: ${late.message}\n`);
        continue;
      }
      batch.push(parsed.data);
      if (batch.length >= MAX_BATCH) flush();
    }
    flush();
  } finally {
    db.close();
  }
  out.write(`accepted ${accepted}, duplicates ${duplicates}, rejected ${rejected}\n`);
  return rejected > 0 ? 1 : 0;
}
