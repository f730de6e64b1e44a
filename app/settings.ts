/**
 * What the configuration implies for the core, beside the wiring of compose.ts: which chat
 * platforms are on (and why the others are off), where triage and escalation go, the reply length
 * budget of each source, and the ingest dependencies the server and `klaxon replay` share.
 */
import type { Db } from '../db/types.js';
import type { CaseContext } from '../src/cases/context.js';
import { VipDirectory } from '../src/cases/vip-directory.js';
import type { Clock } from '../src/clock.js';
import { ConfigError, type Config } from '../src/config/load.js';
import type { IngestDeps } from '../src/ingest/ingest.js';
import { StormDetector } from '../src/ingest/storms/detector.js';
import type { AdapterSettings, ChatTargets, PlatformId } from '../src/ports.js';
import { CHAT_PLATFORM_IDS, NATIVE_SOURCE_IDS, type ChatPlatformId } from '../src/domain/adapter-ids.js';
import type { ReplyPolicy } from '../src/ingest/ingest.js';
import { chatModule, CHAT_ADAPTERS, SOURCE_ADAPTERS, sourceModule } from './modules.js';
import { PLAIN_REPLY_BUDGETS, type ReplyBudget } from '../src/replies/budget.js';

/**
 * The length budget of a public reply on a source, counted as that source counts: the one its
 * adapter declares for it (X's weighted count, whichever way its replies are delivered: X's API or
 * a webhook bridge), else the plain documented limits, none for e-mail and chat.
 */
export function replyBudgetFor(source: string): ReplyBudget | null {
  for (const id of NATIVE_SOURCE_IDS) {
    const bridged = sourceModule(id).bridged;
    if (bridged?.replyBudget && (source === id || bridged.aliases?.includes(source))) return bridged.replyBudget;
  }
  return Object.hasOwn(PLAIN_REPLY_BUDGETS, source) ? PLAIN_REPLY_BUDGETS[source]! : null;
}

/** Whether a mention posted to /ingest takes a public reply, for the sources whose adapter has a rule. */
function bridgedReplyPolicies(config: Config): Map<string, ReplyPolicy> {
  return new Map(
    NATIVE_SOURCE_IDS.flatMap((id) => {
      const policy = sourceModule(id).bridged?.replyPolicy;
      return policy ? [[id, policy(config)] as const] : [];
    }),
  );
}

/**
 * Each chat platform's default target of one kind (triage, escalation, digest), for the platforms
 * that are on (a chat platform's settings never throw: its variables are checked by loadConfig).
 */
export function chatTargetsFor(config: Config, kind: keyof ChatTargets): Partial<Record<ChatPlatformId, string>> {
  return Object.fromEntries(
    configuredPlatforms(config).flatMap((id) => {
      const target = chatModule(id).targets(config)[kind];
      return target ? [[id, target]] : [];
    }),
  );
}

/** Where escalations go: the escalation channel on each configured platform, and who is on call. */
export function escalationPolicy(config: Config): CaseContext['escalation'] {
  return { targets: chatTargetsFor(config, 'escalation'), onCall: config.file.escalation.onCall ?? null };
}

/** The chat platforms whose settings are complete: the ones cases get cards on. */
export function configuredPlatforms(config: Config): PlatformId[] {
  return CHAT_PLATFORM_IDS.filter((id) => chatModule(id).settings(config.env, config).enabled);
}

/**
 * What ingesting needs under `config`, built one way for the server's `/ingest` and sources and
 * for `klaxon replay`, so a replayed mention is scored, routed, grouped into storms, floored for
 * harm and carded exactly as a posted one. The storm detector is warmed from the database.
 */
export function ingestDepsFor(
  config: Config,
  db: Db,
  clock: Clock,
  wiring: {
    platforms: readonly PlatformId[];
    vips?: VipDirectory;
    onCommitted?: () => void;
    onOpened?: (caseIds: readonly number[]) => void;
  },
): IngestDeps {
  const storms = new StormDetector(config.file.storms, config.file.brands);
  storms.warm(db, clock.now());
  return {
    db,
    clock,
    scoring: config.file.scoring,
    routing: { rules: config.file.routing, brands: config.file.brands, defaults: chatTargetsFor(config, 'triage') },
    vips: wiring.vips ?? new VipDirectory(db, config.file.vips),
    platforms: wiring.platforms,
    ...(wiring.onCommitted ? { onCommitted: wiring.onCommitted } : {}),
    storms,
    replyPolicies: bridgedReplyPolicies(config),
    ...(wiring.onOpened ? { onOpened: wiring.onOpened } : {}),
    harm: config.file.harm,
    minCardPriority: config.file.cards.minPriority,
    escalation: escalationPolicy(config),
  };
}

/**
 * Why each chat platform and source that is off is off, and how to turn it on, from each
 * adapter's own settings function. A setting that is there but wrong is left to createKlaxon,
 * which stops the start with every such problem listed together.
 */
export function unconfiguredPlatforms(config: Config): string[] {
  const out = new Set<string>();
  for (const module of [...Object.values(CHAT_ADAPTERS), ...Object.values(SOURCE_ADAPTERS)]) {
    try {
      const settings: AdapterSettings<unknown> = module.settings(config.env, config);
      if (!settings.enabled) out.add(settings.reason);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  return [...out];
}
