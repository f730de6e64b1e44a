/**
 * Runs in its own process under plain node, compiled (bench/memory.ts builds and starts it), so
 * its peak RSS is this ingest alone, as the app runs in production (not under tsx, whose
 * in-memory transpiled sources would add ~100 MB):
 * `count` mentions through validate + ingestMentions in batches of 1,000 into a database file,
 * default configuration (storm clustering on). Prints one JSON line with the result.
 *
 * The clock moves 2.5 minutes per batch, so each tweet text comes back only after the 30-minute
 * storm window has passed (about 6.7 mentions per second of simulated time), as real traffic would;
 * otherwise every cycle of the same texts from new authors would be one long storm.
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { ManualClock } from '../src/clock.js';
import { ingestMentions } from '../src/ingest/ingest.js';
import { parseIngestBody } from '../src/ingest/schema.js';
import { ingestDeps } from './lib/config.js';
import { mentions, useTweetTexts } from './lib/data.js';
import { scratchDir } from './lib/scratch.js';

const count = Number(process.argv[2] ?? 1_000_000);
/**
 * The texts as a JSON array of strings, extracted by the parent: parsing the CSV here would leave
 * its garbage in this process's RSS and count the benchmark's data as the app's memory.
 */
const textsFile = process.argv[3] ?? '';
const BATCH = 1000;
const STEP_MS = 150_000;

const scratch = scratchDir('memory');
const handle = openDatabase(scratch.file('klaxon.db'));
try {
  useTweetTexts(JSON.parse(readFileSync(textsFile, 'utf8')) as string[]);
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const deps = ingestDeps(handle.db, { clock });
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  global.gc?.();
  const idleRss = process.memoryUsage.rss();
  let sampledPeak = idleRss;
  let accepted = 0;
  const start = performance.now();
  for (let from = 0; from < count; from += BATCH) {
    const batch = mentions('mem', from, Math.min(BATCH, count - from), new Date(clock.now().getTime() - 60_000));
    const parsed = parseIngestBody({ mentions: batch });
    accepted += (
      await ingestMentions(
        deps,
        parsed.mentions.map((m) => m.mention),
      )
    ).accepted;
    clock.advance(STEP_MS);
    const rss = process.memoryUsage.rss();
    if (rss > sampledPeak) sampledPeak = rss;
    if ((from + BATCH) % 100_000 === 0) {
      const secs = (performance.now() - start) / 1000;
      process.stderr.write(
        `  … ${from + BATCH} mentions, ${Math.round(secs)} s, RSS ${mb(rss)} MB, heap ${mb(process.memoryUsage().heapUsed)} MB\n`,
      );
    }
  }
  const seconds = (performance.now() - start) / 1000;
  // maxRSS is the kernel's high-water mark for the whole process life, in KiB.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const heapBeforeGc = process.memoryUsage().heapUsed;
  // After the peak is taken: what is live, as opposed to garbage V8 had not collected yet.
  global.gc?.();
  const after = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      count,
      accepted,
      seconds,
      idleRssMb: mb(idleRss),
      peakRssMb: mb(Math.max(peakRss, sampledPeak)),
      sampledPeakMb: mb(sampledPeak),
      heapUsedMb: mb(heapBeforeGc),
      liveHeapMb: mb(after.heapUsed),
      rssAfterGcMb: mb(after.rss),
      stormIndexEntries: deps.storms?.index.size ?? 0,
    })}\n`,
  );
} finally {
  handle.close();
  scratch.cleanup();
}
