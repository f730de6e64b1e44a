import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The page's files live in `dev/sandbox/public` as plain HTML, CSS and JavaScript: no build
 * step, nothing from a CDN. This module runs from the sources (tsx, vitest) or compiled into
 * `dist/dev/sandbox/http`; both find the same folder at the project root.
 */
export function publicFolder(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../public'), resolve(here, '../../../../dev/sandbox/public')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? null;
}

export class StaticFiles {
  readonly #cache = new Map<string, Buffer>();

  constructor(private readonly folder: string | null) {}

  /** Serves `name` (a bare file name: no folders, so nothing outside the folder is reachable). */
  serve(res: ServerResponse, name: string): void {
    const ext = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    const type = TYPES[ext];
    if (!this.folder || !type || !/^[a-z0-9-]+\.[a-z]+$/.test(name)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(this.folder ? 'not found' : 'The sandbox page files (dev/sandbox/public) are missing from this installation.');
      return;
    }
    let body = this.#cache.get(name);
    if (!body) {
      const path = join(this.folder, name);
      if (!existsSync(path)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
        return;
      }
      body = readFileSync(path);
      this.#cache.set(name, body);
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  }
}
