import type { IncomingMessage } from 'node:http';
import { isLoopback } from '../../../src/http/body.js';

/**
 * The sandbox lets whoever uses the page act as an agent and post mentions, so it is served to
 * this machine only (like `/ingest` without INGEST_SECRET). The browser is on this machine too,
 * which is what makes the page reachable by other web sites' scripts; three checks close that:
 * the Host must be a loopback name (defeats DNS rebinding), a cross-site Origin is refused, and
 * actions must be JSON (a cross-site form cannot send that without a CORS preflight we never
 * answer).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function hostName(host: string): string {
  const bracketed = /^\[[^\]]+\]/.exec(host);
  if (bracketed) return bracketed[0];
  return host.replace(/:\d+$/, '').toLowerCase();
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403 | 415; reason: string };

/** For the page and its reads. */
export function checkPageRequest(req: IncomingMessage): GuardVerdict {
  if (!isLoopback(req.socket.remoteAddress)) {
    return {
      ok: false,
      status: 403,
      reason: 'The sandbox is served to this machine only: open it on the computer that runs Klaxon (http://localhost:<PORT>/sandbox).',
    };
  }
  const host = hostName(req.headers.host ?? '');
  if (!LOOPBACK_HOSTS.has(host) && !host.endsWith('.localhost')) {
    return { ok: false, status: 403, reason: 'The sandbox answers to localhost and 127.0.0.1 only.' };
  }
  return { ok: true };
}

/** For the page's actions (clicks, commands, new mentions). */
export function checkActionRequest(req: IncomingMessage): GuardVerdict {
  const page = checkPageRequest(req);
  if (!page.ok) return page;
  const origin = req.headers.origin;
  if (origin) {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      // an unreadable Origin is a foreign one
    }
    if (originHost !== req.headers.host) return { ok: false, status: 403, reason: 'Actions must come from the sandbox page itself.' };
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return { ok: false, status: 415, reason: 'Content-Type must be application/json' };
  return { ok: true };
}
