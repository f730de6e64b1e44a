import type { AddressInfo } from 'node:net';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { createTeamsAdapter, type TeamsAdapter } from '../../adapters/teams/index.js';
import type { CaseContext } from '../../src/cases/context.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { ManualClock } from '../../src/clock.js';
import { createHttpServer } from '../../src/http/server.js';
import { ingestMentions, type IngestDeps } from '../../src/ingest/ingest.js';
import type { RoutingRule } from '../../src/config/file.js';
import { createLogger, type Logger } from '../../src/log.js';
import { Metrics } from '../../src/telemetry.js';
import { createCardHandlers } from '../../src/outbox/card-handlers.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { createDigestHandler } from '../../src/outbox/digest-handler.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import type { ChatPlatform, PlatformId, ReplySource } from '../../src/ports.js';
import { scoringConfigSchema } from '../../src/scoring/config.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { parsed } from '../helpers/core.js';
import { mention, type MentionFixture } from '../helpers/ingest.js';
import { ESCALATIONS, TEAM, TENANT, TRIAGE } from './activities.js';
import { FakeBotFramework } from './fake-bot-framework.js';
import { FakeConnector } from './fake-connector.js';
import { cardProblems, countedBytes, KLAXON_MESSAGE_BUDGET_BYTES, type ConversationPacing } from './strict-rules.js';
import type { ConversationLimits, PacerClock } from '../../adapters/teams/pacer.js';
import { reservePort } from '../../dev/sandbox/port.js';
import { casesCsvRoute, exportLink } from '../../src/export/download.js';
import { createSignedLinks, linkKey } from '../../src/http/signed-links.js';

export interface TeamsHarnessOptions {
  agents?: string[];
  leads?: string[];
  /** `permissions.viewers`: who may read without acting (absent: reading follows agents). */
  viewers?: string[];
  replySources?: Map<string, ReplySource>;
  savedReplies?: { id: string; title: string; text: string }[];
  /** Routing target for new cards (a conversation id or a `Team/Channel` name). */
  triage?: string;
  /** The adapter's per-conversation limits (null = none) and the time its pacer runs on. */
  limits?: ConversationLimits | null;
  pacerClock?: PacerClock;
  /** A multi-tenant bot (no TEAMS_TENANT_ID), as older registrations are. */
  multiTenant?: boolean;
  /** Config `teams.tenants`: the organisations served besides the bot's own (a multi-tenant bot's only list). */
  tenants?: string[];
  /** The fake connector's pacing (default: Teams' 7/s and 1,800/h on real time). */
  connectorPacing?: ConversationPacing | null;
  /** Serve signed CSV downloads at the harness's own address, as PUBLIC_URL would make Klaxon do. */
  publicUrl?: boolean;
  /** Routing rules (config `routing`); the triage conversation stays the default. */
  routing?: RoutingRule[];
  /** More channels of the team, learnt when the bot is added to it (beside General, Triage, Escalations). */
  channels?: { id: string; name: string }[];
  /** The app's logger (default: silent unless KLAXON_TEST_LOG=1). */
  logger?: Logger;
}

export interface SendOptions {
  /** The Authorization header to send instead of the Bot Framework's valid token; null sends none. */
  authorization?: string | null;
}

export interface TeamsHarness {
  url: string;
  /** The Bot Framework's identity service: signs activities, issues the bot's tokens. */
  botFramework: FakeBotFramework;
  connector: FakeConnector;
  teams: TeamsAdapter;
  db: DbHandle;
  clock: ManualClock;
  cases: CaseContext;
  worker: OutboxWorker;
  /** The app's counters, as GET /metrics shows them. */
  metrics: Metrics;
  /**
   * POSTs an activity to /api/messages as the Bot Framework does (with its signed token); returns
   * the HTTP status and parsed body. A card in an invoke answer must be one Teams can render.
   */
  send(activity: { serviceUrl?: string }, options?: SendOptions): Promise<{ status: number; body: any }>;
  /** Ingests a mention and waits until the outbox has sent what it caused. */
  ingest(fixture?: Partial<MentionFixture>): Promise<number>;
  close(): Promise<void>;
}

let mentions = 0;

/**
 * The core with the Teams adapter only, wired as the composition root wires a platform: the real
 * CloudAdapter behind POST /api/messages on a loopback server with Bot Framework authentication
 * on (a loopback Bot Framework signs every activity and issues the bot's tokens), a real SQLite
 * database with the real migrations, the real outbox worker, and a strict fake connector as
 * `serviceUrl` that checks the bot's token on every call.
 */
export async function startTeamsHarness(options: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const botFramework = new FakeBotFramework({ tenant: TENANT, multiTenant: options.multiTenant });
  await botFramework.listen();
  const connector = new FakeConnector({
    auth: botFramework,
    ...(options.connectorPacing !== undefined ? { pacing: options.connectorPacing } : {}),
  });
  await connector.listen();
  connector.teams.set(TEAM.id, [
    { id: TEAM.id },
    { id: TRIAGE, name: 'Triage' },
    { id: ESCALATIONS, name: 'Escalations' },
    ...(options.channels ?? []),
  ]);
  const db = openDatabase(':memory:');
  const clock = new ManualClock(Date.now());
  const logger = options.logger ?? createLogger({ level: process.env.KLAXON_TEST_LOG === '1' ? 'debug' : 'silent' });
  const metrics = new Metrics();
  let worker: OutboxWorker | null = null;
  const wake = () => worker?.kick();
  const sla = slaConfigSchema.parse({});
  const replySources = options.replySources ?? new Map<string, ReplySource>();
  const cases: CaseContext = {
    db: db.db,
    clock,
    permissions: { agents: options.agents ?? [], leads: options.leads ?? [], ...(options.viewers ? { viewers: options.viewers } : {}) },
    sla,
    replySources,
    privatePatterns: [],
    escalation: { targets: { teams: `${TEAM.name}/Escalations` }, onCall: null },
    onCommitted: wake,
  };
  const vips = new VipDirectory(db.db, []);
  // The address is needed for the links before the server listens: pick the port first.
  const port = await reservePort('127.0.0.1');
  const links = createSignedLinks({
    key: linkKey(db.db, clock.now()),
    clock,
    publicUrl: options.publicUrl ? `http://127.0.0.1:${port}` : undefined,
  });
  const teams = createTeamsAdapter({
    ...botFramework.credentials(),
    tenants: options.tenants ?? (options.multiTenant ? [TENANT] : []),
    routingTargets: [options.triage ?? `${TEAM.name}/Triage`, ...(options.routing ?? []).flatMap((r) => (r.teams ? [r.teams] : []))],
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
    ...(options.pacerClock ? { pacerClock: options.pacerClock } : {}),
    db: db.db,
    clock,
    logger,
    listeners: {
      cases,
      vips,
      savedReplies: options.savedReplies ?? [],
      signReplies: false,
      requestDigest: null,
      exports: { link: (window, asOf, by) => exportLink(links, window, asOf, by) },
    },
  });
  const platforms = new Map<PlatformId, ChatPlatform>([['teams', teams.platform]]);
  // As the app wires it: the default (triage) conversation is where a card goes when its routed one cannot take it.
  const defaults = { teams: options.triage ?? `${TEAM.name}/Triage` };
  const ingestDeps: IngestDeps = {
    db: db.db,
    clock,
    scoring: scoringConfigSchema.parse({}),
    routing: { rules: options.routing ?? [], brands: [], defaults },
    vips,
    platforms: ['teams'],
    onCommitted: wake,
  };
  worker = new OutboxWorker({
    db: db.db,
    clock,
    logger,
    handlers: {
      ...createCardHandlers({ db: db.db, clock, sla, platforms, fallbackTargets: defaults, metrics, logger, onCommitted: wake }),
      ...createReplyHandlers({ db: db.db, clock, sources: replySources }),
      'digest.post': createDigestHandler({
        db: db.db,
        platforms,
        digest: { sla, timeZone: 'UTC', competitors: ['rivalco'], vips: (handle) => vips.has(handle) },
      }),
    },
    pacing: (platform) => (platform === 'teams' ? teams.pacing : { intervalMs: 0, cap: 1 }),
    pollIntervalMs: 50,
  });
  const server = createHttpServer([...teams.routes, casesCsvRoute(links, { db: db.db, sla, logger })], logger);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await teams.start();
  await worker.start();
  const theWorker = worker;

  return {
    url,
    botFramework,
    connector,
    teams,
    db,
    clock,
    cases,
    worker: theWorker,
    metrics,
    async send(activity, sendOptions = {}) {
      const authorization = sendOptions.authorization === undefined ? botFramework.authorization(activity) : sendOptions.authorization;
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) };
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
      const text = await res.text();
      const body = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text || null;
      if (body?.type === 'application/vnd.microsoft.card.adaptive') {
        const problems = cardProblems(body.value);
        if (problems.length > 0) throw new Error(`the bot answered with a card Teams cannot render: ${problems.join('; ')}`);
        const bytes = countedBytes(body);
        if (bytes > KLAXON_MESSAGE_BUDGET_BYTES)
          throw new Error(`the bot answered with a card of ${bytes} bytes, over its ${KLAXON_MESSAGE_BUDGET_BYTES}-byte budget`);
      }
      return { status: res.status, body };
    },
    async ingest(fixture = {}) {
      mentions += 1;
      const id = fixture.id ?? `t${mentions}`;
      const result = await ingestMentions(ingestDeps, [
        parsed(mention({ createdAt: new Date(clock.now().getTime() - 60_000).toISOString(), ...fixture, id })),
      ]);
      await theWorker.idle();
      const caseId = result.opened[0] ?? result.touched[0];
      if (caseId === undefined) throw new Error(`mention ${id} opened no case`);
      return caseId;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await theWorker.stop(1000);
      await teams.stop();
      await connector.close();
      await botFramework.close();
      db.close();
    },
  };
}
