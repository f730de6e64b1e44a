import { createKlaxon, unconfiguredPlatforms } from '../app.js';
import type { Config } from '../config/load.js';
import type { Logger } from '../log.js';

/** `klaxon start`: serve every endpoint until SIGTERM/SIGINT, then shut down gracefully. */
export async function startCommand(config: Config, logger: Logger): Promise<void> {
  const klaxon = createKlaxon({ config, logger });
  for (const line of unconfiguredPlatforms(config)) logger.warn(line);
  const url = await klaxon.listen();
  logger.info(`Klaxon is listening on ${url}`, {
    database: config.env.DATABASE_URL,
    config: config.configSource,
    endpoints: ['POST /ingest', 'GET /healthz', 'GET /metrics', ...(klaxon.slack ? ['POST /slack/events'] : [])],
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight work`);
    klaxon
      .close(10_000)
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
