import type { Priority } from '../domain/priority.js';
import type { ConfigFile, RoutingRule } from '../config/file.js';
import type { PlatformId } from '../ports.js';

export interface RouteInput {
  source: string;
  priority: Priority;
  text: string;
}

/** Where a case's card goes, per platform. A platform with no channel gets no card. */
export type Route = Partial<Record<PlatformId, string>>;

export interface RoutingConfig {
  rules: RoutingRule[];
  brands: ConfigFile['brands'];
  defaults: Route;
}

/** Brands whose handles or keywords appear in the text (case-insensitive). */
export function brandsIn(text: string, brands: ConfigFile['brands']): string[] {
  const lower = text.toLowerCase();
  return brands
    .filter((b) => b.handles.some((h) => lower.includes(`@${h}`)) || b.keywords.some((k) => lower.includes(k.toLowerCase())))
    .map((b) => b.name);
}

function matches(rule: RoutingRule, input: RouteInput, brands: string[]): boolean {
  const m = rule.match;
  if (m.sources && !m.sources.includes(input.source)) return false;
  if (m.priorities && !m.priorities.includes(input.priority)) return false;
  if (m.brands && !m.brands.some((b) => brands.includes(b))) return false;
  if (m.keywords) {
    const lower = input.text.toLowerCase();
    if (!m.keywords.some((k) => lower.includes(k.toLowerCase()))) return false;
  }
  return true;
}

/**
 * Picks the channels for a case: the first matching rule decides each platform it names; a
 * platform no rule names falls back to the default triage channel.
 */
export function routeCase(input: RouteInput, config: RoutingConfig): Route {
  const brands = config.brands.length > 0 ? brandsIn(input.text, config.brands) : [];
  const route: Route = {};
  for (const rule of config.rules) {
    if (!matches(rule, input, brands)) continue;
    if (rule.slack && !route.slack) route.slack = rule.slack;
    if (rule.teams && !route.teams) route.teams = rule.teams;
    if (route.slack && route.teams) break;
  }
  return { ...config.defaults, ...route };
}
