import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/**
 * Bolt and web-api log through our logger, so their lines get the same secret redaction. Their
 * debug lines carry whole payloads — every event body Bolt receives, every request body web-api
 * sends (customer messages, replies, modal input) — so they go to `trace`, never to `debug`.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const join = (msgs: unknown[]) =>
    msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => logger.trace?.(join(m), { from: 'slack' }),
    info: (...m: unknown[]) => logger.info(join(m), { from: 'slack' }),
    warn: (...m: unknown[]) => logger.warn(join(m), { from: 'slack' }),
    error: (...m: unknown[]) => logger.error(join(m), { from: 'slack' }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
