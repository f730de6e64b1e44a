import type { Config } from '../../src/config/load.js';

/** Who may post to `/ingest`, as the start-up log states it. */
export interface IngestAccess {
  /** Unsigned requests from this machine are taken (no INGEST_SECRET, and an explicit opt-in). */
  allowUnsigned: boolean;
  level: 'info' | 'warn';
  line: string;
}

/**
 * What `/ingest` accepts under `config`: signed requests when INGEST_SECRET is set; otherwise
 * nothing, unless unsigned requests from this machine were asked for — by `ingest.allowUnsigned`
 * or by running the local sandbox (`sandbox`), whose quick start posts unsigned from a terminal.
 */
export function ingestAccess(config: Config, sandbox: boolean): IngestAccess {
  if (config.env.INGEST_SECRET) {
    const ignored = config.file.ingest.allowUnsigned ? ' (ingest.allowUnsigned has no effect while INGEST_SECRET is set)' : '';
    return { allowUnsigned: false, level: 'info', line: `POST /ingest takes requests signed with INGEST_SECRET only${ignored}.` };
  }
  if (config.file.ingest.allowUnsigned) {
    return {
      allowUnsigned: true,
      level: 'warn',
      line:
        'ingest.allowUnsigned is on and INGEST_SECRET is not set: POST /ingest takes unsigned requests from this machine ' +
        '(loopback). Never use it behind a reverse proxy on this host, where every request looks local; set INGEST_SECRET instead.',
    };
  }
  if (sandbox) {
    return {
      allowUnsigned: true,
      level: 'info',
      line:
        'The sandbox is on and INGEST_SECRET is not set: POST /ingest takes unsigned requests from this machine (loopback) for the ' +
        'trial. Set INGEST_SECRET (and sign requests) before going live.',
    };
  }
  return {
    allowUnsigned: false,
    level: 'warn',
    line:
      'INGEST_SECRET is not set: POST /ingest refuses every request. Set INGEST_SECRET and sign requests (see README, ' +
      '"POST /ingest"), or, for a trial on this machine only, set "ingest": {"allowUnsigned": true} in the config file.',
  };
}
