import { createKlaxon, type Klaxon, type KlaxonOptions } from '../../app/compose.js';
import { createLogger } from '../../src/log.js';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import { signedHeaders } from '../../adapters/webhook/signature.js';
import { BENCH_SECRETS, benchConfig } from './config.js';
import { scratchDir } from './scratch.js';

export interface BenchApp {
  url: string;
  /** Base URL of the loopback Slack Web API. */
  apiUrl: string;
  klaxon: Klaxon;
  slack: LocalSlackApi;
  workspace: SlackWorkspace;
  /** POSTs a signed body to /ingest; throws unless 202. */
  postIngest(body: string): Promise<{ accepted: number; duplicates: number }>;
  close(): Promise<void>;
}

export interface BenchAppOptions {
  /** The fake's per-channel posting limit (Slack: about 1/s); false = none. */
  slackRateLimit?: number | false;
  /** Config file contents (routing, storms...). */
  file?: Record<string, unknown>;
  /** More of the app's tuning (the cap on unverified bodies...). */
  tuning?: KlaxonOptions['tuning'];
}

/** The triage and escalation channels and every routed one, with the bot invited (as the README asks). */
function benchChannels(file: Record<string, unknown>): { id: string; name: string }[] {
  const routed = Array.isArray(file.routing) ? (file.routing as { slack?: string }[]).flatMap((r) => (r.slack ? [r.slack] : [])) : [];
  return [...new Set(['CTRIAGE', 'CESCALATE', ...routed])].map((id) => ({ id, name: id.toLowerCase() }));
}

/**
 * The real app as `npm start` builds it (production pacing and outbox polling, a database file,
 * the real Bolt adapter and web-api client) against the loopback Slack Web API from
 * dev/sandbox, on 127.0.0.1. Background jobs (SLA timers, digest, spikes) are off: they are
 * not what is measured and would add noise.
 */
export async function startBenchApp(options: BenchAppOptions = {}): Promise<BenchApp> {
  const scratch = scratchDir('app');
  const workspace = new SlackWorkspace({ channels: benchChannels(options.file ?? {}) });
  const limit = options.slackRateLimit ?? 1;
  const slack = new LocalSlackApi(workspace, { rateLimit: limit === false ? undefined : { perChannelPerSecond: limit } });
  const api = await slack.listen();
  const config = benchConfig(
    {
      ...BENCH_SECRETS,
      DATABASE_URL: scratch.file('klaxon.db'),
      SLACK_API_URL: api.url,
      TRIAGE_CHANNEL: 'CTRIAGE',
      ESCALATION_CHANNEL: 'CESCALATE',
    },
    options.file ?? {},
  );
  const klaxon = createKlaxon({ config, logger: createLogger({ level: 'silent' }), tuning: { jobs: false, ...options.tuning } });
  const url = await klaxon.listen(0, '127.0.0.1');
  return {
    url,
    apiUrl: api.url,
    klaxon,
    slack,
    workspace,
    async postIngest(body) {
      const res = await fetch(`${url}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(BENCH_SECRETS.INGEST_SECRET, body, new Date()) },
        body,
      });
      const json = (await res.json()) as { accepted: number; duplicates: number };
      if (res.status !== 202) throw new Error(`/ingest answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    },
    async close() {
      await klaxon.close(1000);
      await api.close();
      scratch.cleanup();
    },
  };
}
