/**
 * A small structured logger (JSON lines on stderr). Every line passes through a redactor that
 * replaces configured secret values, so a token pasted into an error message never reaches logs.
 *
 * `trace` is the only level that may carry customer data: whole payloads as Slack, Teams or a
 * source sent them (messages, replies, names). Klaxon's own lines never log customer text at any
 * level; `debug` is safe to turn on in production, `trace` is not (the start-up log says so).
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LEVELS: Record<LogLevel, number> = { trace: 5, debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  /**
   * Lines that may hold customer data (whole payloads): written only at LOG_LEVEL=trace. Optional:
   * a logger without it drops them, the safe default.
   */
  trace?(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values that must never be printed (tokens, signing secrets). */
  secrets?: (string | undefined)[];
  write?: (line: string) => void;
  base?: Record<string, unknown>;
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (error.stack) out.stack = error.stack.split('\n').slice(0, 6).join('\n');
  if (error.cause !== undefined) out.cause = serializeError(error.cause);
  return out;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const redact = (line: string): string => secrets.reduce((acc, secret) => acc.split(secret).join('[redacted]'), line);

  const make = (base: Record<string, unknown>): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
      if (LEVELS[level] < threshold) return;
      const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...base };
      if (fields) {
        for (const [key, value] of Object.entries(fields))
          record[key] = key === 'err' || value instanceof Error ? serializeError(value) : value;
      }
      let line: string;
      try {
        line = JSON.stringify(record);
      } catch {
        line = JSON.stringify({ time: record.time, level, msg, note: 'fields not serializable' });
      }
      write(redact(line));
    };
    return {
      trace: (m, f) => emit('trace', m, f),
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
