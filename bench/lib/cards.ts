import type { ApiCall } from '../../dev/sandbox/slack-api/store.js';

/** The case a top-level chat.postMessage carried in its metadata (Klaxon's cards do), or null. */
export function cardCaseId(call: ApiCall): number | null {
  if (call.method !== 'chat.postMessage' || call.args.thread_ts) return null;
  const raw = call.args.metadata;
  try {
    const meta = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { event_payload?: { case_id?: unknown } } | undefined;
    const id = Number(meta?.event_payload?.case_id);
    return Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

/** When each case's card first reached the fake (its clock), by case id. */
export function cardArrivals(calls: readonly ApiCall[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const call of calls) {
    const id = cardCaseId(call);
    if (id !== null && !out.has(id)) out.set(id, call.at);
  }
  return out;
}
