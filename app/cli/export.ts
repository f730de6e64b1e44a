import { once } from 'node:events';
import { openDatabase } from '../../db/client.js';
import { systemClock } from '../../src/clock.js';
import type { Config } from '../../src/config/load.js';
import { caseCsvChunks } from '../../src/export/cases-csv.js';
import { parseSince } from '../../src/export/since.js';

const USAGE = 'usage: klaxon export --since <24h|7d|30d|12w|YYYY-MM-DD>   (CSV, one row per case opened since then, to stdout)';

/** Reads `--since 30d` or `--since=30d`; null when absent. */
function sinceArg(args: readonly string[]): string | null | 'bad' {
  // Only the first argument is read: the caller refuses anything after `--since <when>`.
  const arg = args[0];
  if (arg === undefined) return null;
  if (arg === '--since') return args[1] ?? 'bad';
  if (arg.startsWith('--since=')) return arg.slice('--since='.length);
  return 'bad';
}

/**
 * `klaxon export --since 30d`: the cases behind the report as CSV on stdout (the same bytes as
 * `/klaxon report 30d csv`). Run on the server itself, so it reads as the operator: no chat
 * permission applies. Written a page at a time, honouring back-pressure, so a year of cases does
 * not sit in memory.
 */
export async function exportCommand(
  config: Config,
  args: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const since = sinceArg(args);
  if (since === 'bad' || (since !== null && args.length > 2)) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const now = systemClock.now();
  const parsed = parseSince(since ?? '30d', now);
  if (!parsed.ok) {
    err.write(`${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const db = openDatabase(config.env.DATABASE_URL);
  try {
    for (const chunk of caseCsvChunks(db.db, parsed.window, now, config.file.sla)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    db.close();
  }
  return 0;
}
