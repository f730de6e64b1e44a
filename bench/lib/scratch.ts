import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private temporary directory for database files, removed by `cleanup`. */
export function scratchDir(name: string): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `klaxon-bench-${name}-`));
  return { dir, file: (f) => join(dir, f), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
