import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN_IN_CORE = /from\s+['"](@slack\/[^'"]*|botbuilder[^'"]*|botframework[^'"]*|@microsoft\/agents[^'"]*|twitter-api-v2[^'"]*|@twitter-api-v2\/[^'"]*|twitter-text|imapflow|nodemailer[^'"]*|mailparser|smtp-server|@fastify\/busboy|@atproto\/[^'"]*|masto|openai[^'"]*|better-sqlite3|drizzle-orm\/better-sqlite3[^'"]*|express)['"]/;

describe('architecture', () => {
  it('src/ imports no Slack, Teams or X SDK and no SQLite driver', () => {
    const leaks: string[] = [];
    for (const file of filesUnder(join(root, 'src'))) {
      // The composition root wires adapters in; it may import adapter modules, never SDKs.
      const text = readFileSync(file, 'utf8');
      const match = FORBIDDEN_IN_CORE.exec(text);
      if (match) leaks.push(`${relative(root, file)} imports ${match[1]}`);
    }
    expect(leaks).toEqual([]);
  });

  it('only db/ opens the SQLite driver', () => {
    const opens = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'adapters'))].filter((f) => /from\s+['"]better-sqlite3['"]/.test(readFileSync(f, 'utf8')));
    expect(opens.map((f) => relative(root, f))).toEqual([]);
  });

  it('nothing outside the CLI entry reads process.env', () => {
    const readers = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'adapters')), ...filesUnder(join(root, 'db'))]
      .filter((f) => !f.endsWith(join('app', 'cli', 'env.ts')))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')));
    expect(readers.map((f) => relative(root, f))).toEqual([]);
  });

  it('every adapter folder keeps its SDK to itself', () => {
    const sdkOf: Record<string, RegExp> = { slack: /@slack\//, teams: /botbuilder|botframework/, twitter: /twitter-api-v2/, email: /imapflow|nodemailer|mailparser|@fastify\/busboy/, bluesky: /@atproto\//, mastodon: /['"]masto['"]/, llm: /['"]openai['"/]/ };
    const leaks: string[] = [];
    for (const [owner, sdk] of Object.entries(sdkOf)) {
      for (const dir of readdirSync(join(root, 'adapters'))) {
        if (dir === owner) continue;
        for (const file of filesUnder(join(root, 'adapters', dir))) {
          const imports = readFileSync(file, 'utf8').match(/from\s+['"][^'"]+['"]/g) ?? [];
          if (imports.some((i) => sdk.test(i))) leaks.push(`${relative(root, file)} imports the ${owner} SDK`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
