import type { Window } from '../reports/metrics.js';

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
/** Five years: far enough back for any audit, short enough to catch a typo such as 3000d. */
const MAX_SPAN_MS = 5 * 366 * 86_400_000;

export type SinceResult = { ok: true; window: Window } | { ok: false; error: string };

/**
 * `--since`: a span back from now (`24h`, `7d`, `30d`, `12w`) or a UTC date or instant
 * (`2026-11-01`, `2026-11-01T09:00:00Z`). The window is [since, now), as the report's.
 */
export function parseSince(text: string, now: Date): SinceResult {
  const value = text.trim();
  const span = /^(\d{1,5})\s*([hdw])$/i.exec(value);
  let from: Date | null = null;
  if (span) {
    const ms = Number(span[1]) * UNIT_MS[span[2]!.toLowerCase() as keyof typeof UNIT_MS];
    if (ms <= 0) return { ok: false, error: `--since ${value}: the span must be longer than zero` };
    if (ms > MAX_SPAN_MS) return { ok: false, error: `--since ${value}: at most five years back` };
    from = new Date(now.getTime() - ms);
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    from = new Date(`${value}T00:00:00Z`);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    from = new Date(value);
  }
  if (!from || Number.isNaN(from.getTime())) {
    return { ok: false, error: `--since "${value}": expected a span such as 24h, 7d, 30d or 12w, or a date such as 2026-11-01` };
  }
  if (from.getTime() >= now.getTime()) return { ok: false, error: `--since ${value} is not in the past` };
  if (now.getTime() - from.getTime() > MAX_SPAN_MS) return { ok: false, error: `--since ${value}: at most five years back` };
  return { ok: true, window: { from, to: new Date(now.getTime()) } };
}
