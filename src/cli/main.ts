#!/usr/bin/env node
import { openDatabase } from '../../db/client.js';
import { ConfigError, loadConfig, type Config } from '../config/load.js';
import { secretValues } from '../config/env.js';
import { createLogger } from '../log.js';
import { readEnvironment } from './env.js';
import { replayCommand } from './replay.js';
import { scoreCommand } from './score.js';
import { startCommand } from './start.js';
import { reportCommand } from './report.js';

const USAGE = `usage: klaxon <command>
  start            run the bot (what npm start runs)
  migrate          apply pending database migrations and exit
  score            score mentions (JSON lines on stdin) and print one JSON line each
  replay <file>    ingest a JSON-lines file of mentions into the database
  report [24h|7d|30d]  print the response report for a window (default 24h)`;

function reportConfigError(error: ConfigError): number {
  process.stderr.write(`Klaxon cannot start: the configuration has ${error.problems.length} problem(s):\n`);
  for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig({ env: readEnvironment() });
  } catch (error) {
    if (error instanceof ConfigError) return reportConfigError(error);
    throw error;
  }
  const logger = createLogger({ level: config.env.LOG_LEVEL, secrets: secretValues(config.env) });
  switch (command) {
    case 'start':
      try {
        await startCommand(config, logger);
      } catch (error) {
        // A source's own settings (e.g. IMAP_URL) are checked when the app is built.
        if (error instanceof ConfigError) return reportConfigError(error);
        throw error;
      }
      return -1; // keeps running
    case 'migrate': {
      const db = openDatabase(config.env.DATABASE_URL);
      db.close();
      process.stdout.write(`database ${config.env.DATABASE_URL} is up to date\n`);
      return 0;
    }
    case 'score':
      return scoreCommand(config, process.stdin, process.stdout);
    case 'replay':
      if (!args[0]) {
        process.stderr.write('usage: klaxon replay <file.jsonl>\n');
        return 2;
      }
      return replayCommand(config, args[0], process.stdout);
    case 'report':
      return reportCommand(config, args[0] ?? '24h', process.stdout);
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`klaxon failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
