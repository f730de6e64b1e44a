import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../dev/sandbox/index.js';
import { ingestAccess } from '../../adapters/webhook/ingest-access.js';
import { createKlaxon } from '../compose.js';
import { configuredPlatforms, unconfiguredPlatforms } from '../settings.js';
import type { Config } from '../../src/config/load.js';
import type { Logger } from '../../src/log.js';
import { describePermissions } from '../../src/cases/permissions.js';
import { redactDatabaseLocation } from '../../src/config/database-url.js';
import { listenProblem, StartError } from './listen-problem.js';

/**
 * The local sandbox posts its cards to a Web API on this machine, which has no rate limit to
 * respect: a short pause per channel keeps cards arriving in order without making a replay of
 * thirty samples take half a minute.
 */
const SANDBOX_CHANNEL_INTERVAL_MS = 100;

/** With no chat platform configured (and KLAXON_SANDBOX not "off"), a newcomer gets the sandbox. */
export function wantsSandbox(config: Config): boolean {
  return config.env.KLAXON_SANDBOX !== 'off' && configuredPlatforms(config).length === 0;
}

/** Where the sandbox keeps its channels: beside the database, so cards outlive a restart with their cases. */
function sandboxStateFile(config: Config): string | null {
  return config.env.DATABASE_URL === ':memory:' ? null : `${config.env.DATABASE_URL}.sandbox.json`;
}

async function openSandbox(config: Config, logger: Logger): Promise<{ sandbox: Sandbox; port: number }> {
  // A dev tool (a Slack emulator and its page): loaded only when it is on, so a start with a chat
  // platform configured never loads it.
  const { createSandbox, reservePort, selfUrlFor } = await import('../../dev/sandbox/index.js');
  // The Slack client is built with the sandbox's URL before the server listens: PORT=0 needs a port now.
  const port = config.env.PORT === 0 ? await reservePort(config.env.HOST) : config.env.PORT;
  const sandbox = createSandbox({
    config,
    selfUrl: selfUrlFor(config.env.HOST, port),
    logger: logger.child({ component: 'sandbox' }),
    stateFile: sandboxStateFile(config),
  });
  return { sandbox, port };
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function pageUrl(host: string, port: number): string {
  const local = WILDCARDS.has(host) || host === '127.0.0.1' || host === '::1' || host === 'localhost';
  return `http://${local ? 'localhost' : urlHost(host)}:${port}/sandbox`;
}

/**
 * Where the server really listens, as the start-up log states it: a wildcard address is said as
 * such (reachable from other machines), with the address to use from this one beside it.
 */
export function listeningLine(address: AddressInfo): string {
  const bound = `http://${urlHost(address.address)}:${address.port}`;
  if (WILDCARDS.has(address.address))
    return `Klaxon is listening on ${bound} (every network interface; from this machine: http://localhost:${address.port})`;
  return `Klaxon is listening on ${bound}`;
}

/** `klaxon start`: serve every endpoint until SIGTERM/SIGINT, then shut down gracefully. */
export async function startCommand(config: Config, logger: Logger): Promise<void> {
  for (const line of unconfiguredPlatforms(config)) logger.warn(line);
  const local = wantsSandbox(config) ? await openSandbox(config, logger) : null;
  const access = ingestAccess(config, local !== null);
  logger[access.level](access.line);
  logger.info(describePermissions((local?.sandbox.config ?? config).file.permissions));
  if (config.env.LOG_LEVEL === 'trace') {
    logger.warn(
      'LOG_LEVEL=trace: whole payloads are logged, customer messages, names and reply text included. Use it only to debug, ' +
        'never in production; debug and above never log customer text.',
    );
  }
  const klaxon = createKlaxon({
    config: local?.sandbox.config ?? config,
    logger,
    extraRoutes: local?.sandbox.routes,
    tuning: local ? { slackChannelIntervalMs: SANDBOX_CHANNEL_INTERVAL_MS } : undefined,
  });
  const port = local?.port ?? config.env.PORT;
  try {
    await klaxon.listen(port);
  } catch (error) {
    // The sandbox is left unsaved on purpose: its state file may belong to the process holding the port.
    await klaxon.close(0).catch(() => undefined);
    const problem = listenProblem(error, config.env.HOST, port);
    if (problem) throw new StartError(problem, { cause: error });
    throw error;
  }
  const migrations = klaxon.db.appliedMigrations;
  logger.info(listeningLine(klaxon.server.address() as AddressInfo), {
    database: redactDatabaseLocation(config.env.DATABASE_URL),
    config: config.configSource,
    ...(migrations.length > 0 ? { migrationsApplied: migrations } : {}),
    // The core's and every adapter that is on's own, as each declared its routes; then the sandbox's page.
    endpoints: [...klaxon.endpoints, ...(local ? ['GET /sandbox'] : [])],
  });
  if (local) {
    logger.info(
      `Sandbox: open ${pageUrl(config.env.HOST, local.port)} — a local Slack workspace with Klaxon in it (no account needed). ` +
        `Set KLAXON_SANDBOX=off to turn it off.`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight work`);
    // The sandbox's Slack lives on the server that close() stops first: send what is queued while
    // it still answers (bounded), or the drain would log "Slack unreachable" for every card.
    const drained = local
      ? Promise.race([klaxon.worker.idle(), new Promise((resolve) => setTimeout(resolve, 3000).unref())])
      : Promise.resolve();
    drained
      .then(() => {
        // Open sandbox pages hold live connections: end them, or the server would wait on them.
        local?.sandbox.close();
        return klaxon.close(10_000);
      })
      .then(() => {
        logger.info('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error('shutdown failed', { err: error });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
