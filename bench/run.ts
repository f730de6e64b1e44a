/**
 * npm run bench   (npx tsx bench/run.ts [--quick] [--only=scoring,ingest,durability,slow-senders,queue,report,time-to-card,memory,storm])
 *
 * Runs every benchmark of issue 9, prints one table (Markdown) and writes it with every sample to
 * bench/results.json. Every figure has a baseline measured in the same run on the same machine,
 * the ratio, the target and whether it is met; a miss says what limits it.
 *
 * Order: scoring and ingest throughput first, with nothing else of ours running. Then the
 * 1,000,000-mention memory run starts in its own process (minutes of one core) and the report,
 * time to card and the storm run beside it: the report is compared with COUNT(*) measured at the
 * same moments, and the other two mostly wait (on the request schedule, on Slack's pace). Run
 * one after another the whole would take well over ten minutes on two cores. `--quick` shrinks
 * every size (a smoke run of the harness, not a measurement).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchDurability } from './durability.js';
import { benchIngest } from './ingest.js';
import type { Figure } from './lib/figure.js';
import { baselines, limits, markdownTable } from './lib/table.js';
import { benchMemory } from './memory.js';
import { benchReport } from './report.js';
import { benchScoring } from './scoring.js';
import { benchSlowSenders } from './slow-senders.js';
import { benchQueue } from './queue.js';
import { benchStorm } from './storm.js';
import { benchTimeToCard } from './time-to-card.js';

const ALL = ['scoring', 'ingest', 'durability', 'slow-senders', 'queue', 'report', 'time-to-card', 'memory', 'storm'] as const;
type Name = (typeof ALL)[number];

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = new Set<string>(onlyArg ? onlyArg.split(',') : ALL);
for (const name of only)
  if (!(ALL as readonly string[]).includes(name)) throw new Error(`unknown benchmark "${name}" (known: ${ALL.join(', ')})`);
const wanted = (name: Name) => only.has(name);

const sizes = quick
  ? {
      scoringRounds: 2,
      ingestRounds: 1,
      queueCases: 10_000,
      reportCases: 50_000,
      reportRounds: 2,
      timeToCardSeconds: 5,
      memoryMentions: 20_000,
      stormCards: 10,
    }
  : {
      scoringRounds: 5,
      ingestRounds: 3,
      queueCases: 102_000,
      reportCases: 1_000_000,
      reportRounds: 5,
      timeToCardSeconds: 30,
      memoryMentions: 1_000_000,
      stormCards: 100,
    };

const started = Date.now();
const log = (line: string) => console.log(line);
const section = (title: string) => log(`\n${title} (${Math.round((Date.now() - started) / 1000)} s)`);
const loadStart = loadavg();
const figures: Partial<Record<Name, Figure[]>> = {};

log(
  `Klaxon benchmarks${quick ? ' (--quick: smoke run, not a measurement)' : ''}: node ${process.version}, ${cpus().length} CPUs, ` +
    `load average ${loadStart.map((l) => l.toFixed(2)).join(' ')}`,
);

if (wanted('scoring')) {
  section('6. scoring');
  figures.scoring = [benchScoring(sizes.scoringRounds, log)];
}
if (wanted('ingest')) {
  section('1. ingest throughput');
  figures.ingest = await benchIngest(sizes.ingestRounds, log);
}
if (wanted('durability')) {
  section('7. durability: the cost of synchronous = FULL');
  figures.durability = await benchDurability(quick ? 1 : 3, quick, log);
}
if (wanted('slow-senders')) {
  section('5b. memory under slow unauthenticated senders');
  figures['slow-senders'] = [await benchSlowSenders(log)];
}
if (wanted('queue')) {
  section('8. /klaxon queue with 50,000 open cases');
  figures.queue = [benchQueue(sizes.queueCases, quick ? 2 : 7, log)];
}
if (wanted('memory') || wanted('report') || wanted('time-to-card') || wanted('storm')) {
  if (wanted('memory')) section('5. memory (in its own process; the next three run beside it)');
  const memoryRun = wanted('memory') ? benchMemory(sizes.memoryMentions, log) : Promise.resolve(null);
  const beside = async () => {
    // Let the memory process load and start ingesting first, so what runs beside it sees it busy throughout.
    if (wanted('memory')) await new Promise((resolve) => setTimeout(resolve, 3000));
    if (wanted('report')) {
      section('4. reports at scale');
      figures.report = [benchReport(sizes.reportCases, sizes.reportRounds, log)];
    }
    if (wanted('time-to-card')) {
      section('2. time to card');
      figures['time-to-card'] = [await benchTimeToCard(sizes.timeToCardSeconds, log)];
    }
    if (wanted('storm')) {
      section('3. pacing under a storm');
      figures.storm = [await benchStorm(sizes.stormCards, log)];
    }
  };
  const [memory] = await Promise.all([memoryRun, beside()]);
  if (memory) {
    figures.memory = [memory];
    for (const f of [...(figures.report ?? []), ...(figures['time-to-card'] ?? []), ...(figures.storm ?? [])]) {
      f.details = { ...f.details, ranAlongside: 'the memory benchmark (a 1,000,000-mention ingest in another process, one core)' };
    }
  }
}

// The order: ingest (and what durability costs it), time to card, storm, reports, memory, scoring.
const ordered = (
  ['ingest', 'durability', 'time-to-card', 'storm', 'report', 'queue', 'memory', 'slow-senders', 'scoring'] as const
).flatMap((name) => figures[name] ?? []);
const seconds = Math.round((Date.now() - started) / 1000);
const loadEnd = loadavg();
const table = markdownTable(ordered);
const gaps = limits(ordered);
log(`\n${table}\n\nBaselines (measured in this run):\n${baselines(ordered)}\n`);
if (gaps) log(`${gaps}\n`);
log(
  `${ordered.filter((f) => f.met).length} of ${ordered.length} targets met · ${seconds} s · load average at start ` +
    `${loadStart[0]?.toFixed(2)}, at end ${loadEnd[0]?.toFixed(2)} (${cpus().length} CPUs)`,
);

// A smoke run must not overwrite the measured results (results.local.json is git-ignored).
const out = new URL(quick ? './results.local.json' : './results.json', import.meta.url);
const run = {
  date: new Date(started).toISOString(),
  quick,
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  loadAverage: { start: loadStart, end: loadEnd },
  seconds,
};
// A partial run (--only=…) replaces its own figures in the stored results and keeps the others,
// each figure saying which run it came from.
const previous =
  onlyArg && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { figures?: (Figure & { run?: unknown })[] }) : null;
const stamped = ordered.map((f) => ({ ...f, run }));
const GROUP_ORDER = ['ingest', 'durability', 'time-to-card', 'storm', 'report', 'queue', 'memory', 'scoring'];
const groupOf = (id: string) => GROUP_ORDER.findIndex((g) => id === g || id.startsWith(`${g}-`));
const merged = previous?.figures
  ? [...previous.figures.filter((f) => !stamped.some((n) => n.id === f.id)), ...stamped]
      .map((f, i) => ({ f, i }))
      .sort((a, b) => groupOf(a.f.id) - groupOf(b.f.id) || a.i - b.i)
      .map(({ f }) => f)
  : stamped;
writeFileSync(out, `${JSON.stringify({ ...run, partial: onlyArg ?? null, figures: merged, table: markdownTable(merged) }, null, 2)}\n`);
log(`wrote ${out.pathname}`);
