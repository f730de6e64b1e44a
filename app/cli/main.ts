#!/usr/bin/env node
import { ConfigError, loadConfig, secretValues, type Config } from '../config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { readEnvironment } from './env.js';
import { StartError } from './listen-problem.js';
import { isPostgresUrl } from './postgres-location.js';

const USAGE = `usage: klaxon <command>
  start                  run the bot and its HTTP endpoints (what npm start runs)
  migrate                apply pending database migrations and exit (SQLite, or PostgreSQL
                         with DATABASE_URL=postgres://…)
  migrate-data --from <sqlite file> --to postgres://… [--force]
                         copy every table of a SQLite database into PostgreSQL
  score [--explain]      score mentions (JSON lines on stdin) and print one JSON line each;
                         --explain adds every signal with the points it added
  replay <file>          ingest a JSON-lines file of mentions into the database
  report [24h|7d|30d]    print the response report for a window (default 24h)
  export --since <30d>   write one CSV row per case opened in the window to stdout
  help                   this list`;

type Run = (config: Config, logger: Logger, args: string[]) => Promise<number>;

/**
 * Each command loads only what it needs (dynamic imports): `score` and `help` do not pay for the
 * Slack, Teams and X SDKs that `start` loads.
 */
const COMMANDS: Record<string, Run> = {
  async start(config, logger) {
    const { startCommand } = await import('./start.js');
    await startCommand(config, logger);
    return -1; // keeps running
  },
  async migrate(config) {
    const { migrateCommand } = await import('./migrate.js');
    return migrateCommand(config, process.stdout);
  },
  async score(config, _logger, args) {
    const unknown = args.filter((a) => a !== '--explain');
    if (unknown.length > 0) {
      process.stderr.write(`klaxon score: unknown option ${unknown.map((a) => `"${a}"`).join(', ')}; usage: klaxon score [--explain]\n`);
      return 2;
    }
    const { scoreCommand } = await import('./score.js');
    return scoreCommand(config, process.stdin, process.stdout, { explain: args.includes('--explain') });
  },
  async replay(config, _logger, args) {
    if (!args[0]) {
      process.stderr.write('usage: klaxon replay <file.jsonl>\n');
      return 2;
    }
    const { replayCommand } = await import('./replay.js');
    return replayCommand(config, args[0], process.stdout);
  },
  async report(config, _logger, args) {
    const { reportCommand } = await import('./report.js');
    return reportCommand(config, args[0] ?? '24h', process.stdout);
  },
  async export(config, _logger, args) {
    const { exportCommand } = await import('./export.js');
    return exportCommand(config, args, process.stdout, process.stderr);
  },
};

function reportConfigError(error: ConfigError): number {
  process.stderr.write(`Klaxon cannot start: the configuration has ${error.problems.length} problem(s):\n`);
  for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  // A bare `klaxon` is someone finding out what it does: show the commands, start nothing.
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The database-only commands that may name PostgreSQL run before the configuration is loaded:
  // its DATABASE_URL check refuses PostgreSQL for `start`, which waits for the asynchronous storage
  // layer; migrating a PostgreSQL database and copying into one need nothing else.
  if (command === 'migrate-data') {
    const { migrateDataCommand } = await import('./migrate-data.js');
    return migrateDataCommand(args, process.stdout, process.stderr);
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  const env = readEnvironment();
  if (command === 'migrate' && env.DATABASE_URL && isPostgresUrl(env.DATABASE_URL)) {
    const { migratePostgresCommand } = await import('./migrate.js');
    return migratePostgresCommand(env.DATABASE_URL, process.stdout, process.stderr);
  }
  let config: Config;
  try {
    config = loadConfig({ env });
  } catch (error) {
    if (error instanceof ConfigError) return reportConfigError(error);
    throw error;
  }
  const logger = createLogger({ level: config.env.LOG_LEVEL, secrets: [...secretValues(config.env), config.llm?.apiKey ?? undefined] });
  try {
    return await run(config, logger, args);
  } catch (error) {
    // A source's own settings (e.g. IMAP_URL) are checked when the app is built.
    if (error instanceof ConfigError) return reportConfigError(error);
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof StartError) process.stderr.write(`Klaxon cannot start: ${error.message}\n`);
    else process.stderr.write(`klaxon failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
