import type { StreamingV2Rule, TwitterApi } from 'twitter-api-v2';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';

/** Rules Klaxon manages carry this tag prefix; any other rule on the app is left alone. */
export const RULE_TAG_PREFIX = 'klaxon:';
/** X's limit for one rule's text on the self-serve plans. */
export const MAX_RULE_LENGTH = 512;

export interface RuleSources {
  /** The brand's own account (`twitter.account`). */
  account: string | null;
  /** `brands[].handles`. */
  brandHandles: readonly string[];
  /** `twitter.keywords`. */
  keywords: readonly string[];
  /** `competitors`. */
  competitors: readonly string[];
}

export interface StreamRule {
  value: string;
  tag: string;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** A keyword as a rule term: a single word, hashtag or cashtag as is, anything else as an exact phrase. */
function keywordTerm(keyword: string): string | null {
  const clean = keyword.replaceAll('"', '').trim();
  if (!clean) return null;
  return /^[#$]?[\p{L}\p{N}_]+$/u.test(clean) ? clean : `"${clean}"`;
}

/** Joins terms with OR into as few rules as fit X's length limit, tagged `<tag>`, `<tag>:2`, … */
function orRules(terms: readonly string[], tag: string): StreamRule[] {
  const rules: StreamRule[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    rules.push({ value: current.join(' OR '), tag: rules.length === 0 ? tag : `${tag}:${rules.length + 1}` });
    current = [];
  };
  for (const term of terms) {
    if ([...current, term].join(' OR ').length > MAX_RULE_LENGTH) flush();
    current.push(term);
  }
  flush();
  return rules;
}

/**
 * The filtered-stream rules for this config: mentions of the brand's handles, the brand's own
 * posts (so replies made on X outside Klaxon are seen), the keywords, and mentions of the
 * competitors. Retweets are kept: they add reach to the original's case.
 */
export function buildStreamRules(sources: RuleSources): StreamRule[] {
  const strip = (h: string) => h.replace(/^@/, '').toLowerCase();
  const brandHandles = unique([...(sources.account ? [sources.account] : []), ...sources.brandHandles].map(strip));
  const keywords = unique(sources.keywords)
    .map(keywordTerm)
    .filter((t): t is string => t !== null);
  const competitors = unique(sources.competitors.map(strip)).filter((h) => !brandHandles.includes(h));
  return [
    ...orRules(
      brandHandles.map((h) => `@${h}`),
      `${RULE_TAG_PREFIX}brand`,
    ),
    ...(sources.account ? [{ value: `from:${strip(sources.account)}`, tag: `${RULE_TAG_PREFIX}own` }] : []),
    ...orRules(keywords, `${RULE_TAG_PREFIX}keywords`),
    ...orRules(
      competitors.map((h) => `@${h}`),
      `${RULE_TAG_PREFIX}competitors`,
    ),
  ];
}

export function isKlaxonRuleTag(tag: string | undefined): boolean {
  return Boolean(tag?.startsWith(RULE_TAG_PREFIX));
}

export interface RuleSyncResult {
  added: number;
  deleted: number;
  kept: number;
  foreign: number;
}

/**
 * Makes the app's stream rules match the config: Klaxon's rules that are no longer wanted are
 * deleted, missing ones added, unchanged ones kept (deleting and re-adding would make X drop
 * matching posts in between). A rule X refuses is logged and the others still apply.
 */
export async function syncStreamRules(
  app: TwitterApi,
  desired: readonly StreamRule[],
  deps: { metrics: Metrics; logger: Logger },
): Promise<RuleSyncResult> {
  const { metrics, logger } = deps;
  metrics.sourceCalls.inc({ source: 'twitter', op: 'rules_read' });
  const current: StreamingV2Rule[] = (await app.v2.streamRules()).data ?? [];
  const ours = current.filter((r) => isKlaxonRuleTag(r.tag));
  const same = (a: { value: string; tag?: string }, b: { value: string; tag?: string }) => a.value === b.value && a.tag === b.tag;
  const stale = ours.filter((r) => !desired.some((d) => same(d, r)));
  const missing = desired.filter((d) => !ours.some((r) => same(d, r)));
  const foreign = current.length - ours.length;
  if (foreign > 0) logger.info('X stream has rules Klaxon did not make; posts matching only those are ignored', { foreign });
  if (stale.length > 0) {
    metrics.sourceCalls.inc({ source: 'twitter', op: 'rules_write' });
    await app.v2.updateStreamRules({ delete: { ids: stale.map((r) => r.id) } });
  }
  if (missing.length > 0) {
    metrics.sourceCalls.inc({ source: 'twitter', op: 'rules_write' });
    const added = await app.v2.updateStreamRules({ add: missing.map((r) => ({ value: r.value, tag: r.tag })) });
    for (const error of (added.errors ?? []) as { value?: string; title?: string; details?: string[] }[]) {
      logger.error('X refused a stream rule; check brands, competitors and twitter.keywords in the config file', {
        rule: error.value,
        title: error.title,
        details: error.details,
      });
    }
  }
  const result = { added: missing.length, deleted: stale.length, kept: ours.length - stale.length, foreign };
  logger.info('X stream rules synced', { ...result });
  return result;
}
