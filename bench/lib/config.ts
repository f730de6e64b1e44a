import { VipDirectory } from '../../src/cases/vip-directory.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../app/config.js';
import type { IngestDeps } from '../../src/ingest/ingest.js';
import { StormDetector } from '../../src/ingest/storms/detector.js';
import type { Db } from '../../db/types.js';

export const BENCH_SECRETS = {
  INGEST_SECRET: 'bench-ingest-secret-0123456789',
  SLACK_BOT_TOKEN: 'xoxb-bench-bot-token',
  SLACK_SIGNING_SECRET: 'bench-slack-signing-secret',
};

/** A validated config built as production builds it: environment plus a config file (built-in defaults unless given). */
export function benchConfig(env: Record<string, string | undefined>, file: unknown = {}): Config {
  return loadConfig({
    env: { LOG_LEVEL: 'silent', KLAXON_CONFIG: 'bench.config.json', ...env },
    readFile: () => JSON.stringify(file),
    fileExists: () => true,
  });
}

/**
 * Ingest wired as app/compose.ts wires it (default config: scoring, routing to the triage channel,
 * storm clustering on), Slack configured so every case writes its card to the outbox.
 */
export function ingestDeps(db: Db, options: { storms?: boolean; clock?: Clock } = {}): IngestDeps {
  const config = benchConfig(
    { DATABASE_URL: ':memory:', TRIAGE_CHANNEL: 'CTRIAGE', ...BENCH_SECRETS },
    { storms: { enabled: options.storms ?? true } },
  );
  const clock = options.clock ?? systemClock;
  const storms = new StormDetector(config.file.storms);
  storms.warm(db, clock.now());
  return {
    db,
    clock,
    scoring: config.file.scoring,
    routing: { rules: config.file.routing, brands: config.file.brands, defaults: { slack: 'CTRIAGE' } },
    vips: new VipDirectory(db, config.file.vips),
    platforms: ['slack'],
    storms,
  };
}
