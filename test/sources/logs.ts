import { createLogger, type Logger } from '../../src/log.js';

export interface CapturedLogs {
  logger: Logger;
  lines: string[];
  /** Parsed records (level, msg and fields). */
  records(): { level: string; msg: string; [key: string]: unknown }[];
  has(level: string, pattern: RegExp): boolean;
}

/**
 * A logger that keeps every line. It is given no secrets to redact, on purpose: a test that
 * looks for a secret in these lines sees what the code tried to log, not what a redactor hid.
 */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const records = () => lines.map((l) => JSON.parse(l) as { level: string; msg: string });
  return {
    logger,
    lines,
    records,
    has: (level, pattern) => records().some((r) => r.level === level && pattern.test(r.msg)),
  };
}

/** The same, over lines a source's own test world already collects (its logger writes there too). */
export function capturedLines(lines: string[]): CapturedLogs {
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const records = () => lines.map((l) => JSON.parse(l) as { level: string; msg: string });
  return { logger, lines, records, has: (level, pattern) => records().some((r) => r.level === level && pattern.test(r.msg)) };
}
