import { createWebClient } from '../../adapters/slack/client.js';
import { SlackPlatform } from '../../adapters/slack/platform.js';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { createCardHandlers } from '../../src/outbox/card-handlers.js';
import { createDigestHandler } from '../../src/outbox/digest-handler.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import type { ChatPlatform, PlatformId } from '../../src/ports.js';
import type { DigestOptions } from '../../src/reports/digest.js';
import type { SlaConfig } from '../../src/sla/config.js';

export interface SlackRig {
  workspace: SlackWorkspace;
  api: LocalSlackApi;
  worker: OutboxWorker;
  close(): Promise<void>;
}

/**
 * The real Slack platform adapter (real web-api client) and the real outbox worker with the card
 * and digest handlers, against the loopback Slack Web API, over the caller's database. For the
 * parts the composition root does not wire yet.
 */
export async function startSlackRig(options: {
  db: Db;
  clock: Clock;
  sla: SlaConfig;
  digest?: Omit<DigestOptions, 'sla'>;
}): Promise<SlackRig> {
  const channels = ['CTRIAGE', 'CESCALATE', 'CDIGEST'].map((id) => ({ id, name: id.toLowerCase() }));
  const workspace = new SlackWorkspace({ now: () => options.clock.now().getTime(), channels });
  const api = new LocalSlackApi(workspace);
  const served = await api.listen();
  const client = createWebClient({ token: 'xoxb-rig-token', apiUrl: served.url, logger: silentLogger, retries: 0 });
  const platforms = new Map<PlatformId, ChatPlatform>([['slack', new SlackPlatform(client)]]);
  const digest: DigestOptions = { sla: options.sla, timeZone: 'UTC', competitors: [], vips: () => false, ...options.digest };
  const worker = new OutboxWorker({
    db: options.db,
    clock: options.clock,
    logger: silentLogger,
    handlers: {
      ...createCardHandlers({ db: options.db, clock: options.clock, sla: options.sla, platforms }),
      'digest.post': createDigestHandler({ db: options.db, platforms, digest }),
    },
    pacing: () => ({ intervalMs: 0, cap: 1 }),
    maxAttempts: 2,
    pollIntervalMs: 20,
  });
  await worker.start();
  return {
    workspace,
    api,
    worker,
    async close() {
      await worker.stop(1000);
      await served.close();
    },
  };
}
