#!/usr/bin/env node
// The one gate (`npm test`): typecheck, Biome (format and lint), then every vitest suite. Ends with the plain line CI
// reads, `N passed, N failed`, computed from vitest's JSON report (its own summary is not read).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
let passed = 0;
let failed = 0;

process.stdout.write('› typecheck (tsc --noEmit)\n');
const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (tsc.status === 0) passed += 1;
else failed += 1;

// Formatting and lint as one step, like the typecheck: `biome ci` changes nothing and fails on any
// unformatted file or lint error. Which files it reads is biome.jsonc's `files.includes` (no
// node_modules, dist, migrations or benchmark sets; git-ignored files are skipped).
process.stdout.write('› biome ci (format and lint)\n');
// Infos (style suggestions) do not fail the step and are not printed.
const biomeArgs = ['ci', '--diagnostic-level=warn', ...(process.env.CI ? ['--colors=off'] : []), '.'];
const biome = spawnSync(bin('biome'), biomeArgs, { stdio: 'inherit' });
if (biome.status === 0) passed += 1;
else failed += 1;

const dir = mkdtempSync(join(tmpdir(), 'klaxon-test-'));
const report = join(dir, 'vitest.json');
process.stdout.write('› vitest run\n');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
  },
);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  // A suite that fails to load has no failed tests of its own; count it so it cannot hide.
  for (const suite of json.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).every((t) => t.status !== 'failed')) failed += 1;
  }
} catch {
  process.stdout.write('vitest wrote no report: counting the run as failed\n');
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
if (vitest.status !== 0 && failed === 0) failed += 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
