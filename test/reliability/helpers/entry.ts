import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../../..');

export interface Build {
  /** Directory holding the compiled tree (`app/cli/main.js` …) and its own `package.json`. */
  dir: string;
  remove(): void;
}

/**
 * Compiles the app with `tsconfig.build.json` into a private temporary directory, so several
 * test files (and anyone running `npm start`) never read a `dist/` another build is rewriting.
 * The directory gets `{"type":"module"}`, a link to the project's node_modules and a copy of the
 * migrations, which is everything the compiled entry point needs. Type errors elsewhere in the
 * tree do not stop the emit (the typecheck is its own gate); a missing entry point does.
 */
export function buildEntry(): Build {
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-build-'));
  const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dir], {
    cwd: root,
    encoding: 'utf8',
  });
  if (!existsSync(join(dir, 'app/cli/main.js')))
    throw new Error(`build produced no entry point (tsc exit ${build.status}):\n${build.stdout}${build.stderr}`);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  cpSync(join(root, 'db/migrations'), join(dir, 'db/migrations'), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningEntry {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote so far (stdout and stderr, in arrival order). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts `node <build>/app/cli/main.js start` with exactly `env` (plus PATH) in `cwd`, and
 * resolves once it logs its listening URL.
 */
export function startEntry(build: Build, env: Record<string, string>, cwd: string): Promise<RunningEntry> {
  const child = spawn(process.execPath, [join(build.dir, 'app/cli/main.js'), 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        child.stderr?.off('data', onData);
        child.stderr?.on('data', (more: Buffer) => (output += more.toString()));
        resolve({ child, url: match[1], output: () => output, exited });
      }
    };
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
}

/** Runs the compiled CLI to completion (for start-up failures) and returns what it printed. */
export function runEntry(
  build: Build,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(build.dir, 'app/cli/main.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
