/**
 * 5. Memory: peak RSS while ingesting 1,000,000 mentions (bench/memory-child.ts, in a process of
 * its own), against the same process's RSS before the first mention (modules loaded, database
 * open, texts read).
 *
 * The child runs compiled, under plain node with the node flags of `npm start` (package.json
 * scripts.start), as the app runs: it is built with the project's tsc into node_modules/.cache
 * (inside the project, so packages resolve) with the migrations copied beside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tweetTexts } from './lib/data.js';
import { round, type Figure } from './lib/figure.js';

const TARGET_MB = 300;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface ChildResult {
  count: number;
  accepted: number;
  seconds: number;
  idleRssMb: number;
  peakRssMb: number;
  sampledPeakMb: number;
  heapUsedMb: number;
  liveHeapMb: number;
  rssAfterGcMb: number;
  stormIndexEntries: number;
}

/** Compiles memory-child.ts and what it imports; returns the compiled script's path. */
function build(): { script: string; texts: string; cleanup: () => void } {
  const out = join(ROOT, 'node_modules', '.cache', `klaxon-bench-memory-${process.pid}`);
  mkdirSync(out, { recursive: true });
  const tsconfig = join(out, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { outDir: out, rootDir: ROOT },
      include: [join(ROOT, 'bench', 'memory-child.ts')],
    }),
  );
  const tsc = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`compiling the memory benchmark failed:\n${tsc.stdout}${tsc.stderr}`);
  // db/client.js looks for the migrations beside itself first.
  cpSync(join(ROOT, 'db', 'migrations'), join(out, 'db', 'migrations'), { recursive: true });
  const texts = join(out, 'texts.json');
  writeFileSync(texts, JSON.stringify(tweetTexts()));
  return { script: join(out, 'bench', 'memory-child.js'), texts, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** The node options `npm start` runs the app with (e.g. a heap cap), from package.json. */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start ?? '';
  const match = /\bnode\s+((?:--\S+\s+)*)/.exec(start);
  return (match?.[1] ?? '').split(/\s+/).filter((flag) => flag.startsWith('--'));
}

function runChild(script: string, texts: string, count: number, log: (line: string) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // --expose-gc only so the child can measure its live heap after the peak was taken.
    const child = spawn(process.execPath, [...startNodeFlags(), '--expose-gc', script, String(count), texts], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(line);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`memory benchmark process exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

export async function benchMemory(count: number, log: (line: string) => void): Promise<Figure> {
  const built = build();
  let r: ChildResult;
  try {
    r = await runChild(built.script, built.texts, count, log);
  } finally {
    built.cleanup();
  }
  if (r.accepted !== count) throw new Error(`memory benchmark accepted ${r.accepted} of ${count}`);
  const met = r.peakRssMb < TARGET_MB;
  log(`  ${count.toLocaleString('en-US')} mentions in ${Math.round(r.seconds)} s: peak RSS ${r.peakRssMb} MB (idle ${r.idleRssMb} MB)`);
  return {
    id: 'memory',
    name: `peak RSS while ingesting ${count.toLocaleString('en-US')} mentions (default config, compiled, plain node)`,
    value: r.peakRssMb,
    unit: 'MB',
    baseline: {
      name: 'idle',
      value: r.idleRssMb,
      unit: 'MB',
      description: 'RSS of the same process before the first mention (modules loaded, database open, texts read)',
    },
    ratio: round(r.peakRssMb / r.idleRssMb, 2),
    ratioOf: '× idle',
    target: `< ${TARGET_MB} MB`,
    met,
    ...(met
      ? {}
      : {
          limit:
            `what is live is ${r.liveHeapMb} MB after a full GC (the storm index then tracks ` +
            `${r.stormIndexEntries.toLocaleString('en-US')} mentions of the last 30 minutes); ` +
            `the rest of the peak is garbage V8 let the old generation hold before a major GC (heap ${r.heapUsedMb} MB at the ` +
            `end) — storm-index entries live ` +
            `for 30 minutes, long enough to be promoted, then die there — plus SQLite's and node's native memory (RSS stays at ` +
            `${r.rssAfterGcMb} MB after the GC: ` +
            `V8 keeps its pages). A heap cap (node --max-old-space-size) makes V8 collect sooner`,
        }),
    details: { ...r, mentionsPerSecond: Math.round(r.count / r.seconds), nodeFlags: startNodeFlags() },
  };
}
