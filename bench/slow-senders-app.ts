/**
 * The app alone, for bench/slow-senders.ts, in a process of its own so its RSS (read from its own
 * /metrics, `klaxon_process_resident_memory_bytes`) holds nothing of the senders. Prints its URL,
 * then serves until killed. argv[2]: "none" for no cap on unverified bodies, else the default.
 */
import { startBenchApp } from './lib/app.js';

const app = await startBenchApp({
  slackRateLimit: false,
  tuning: {
    bodyTimeoutMs: 600_000,
    bodyIdleMs: 600_000,
    ...(process.argv[2] === 'none'
      ? {
          unverifiedBodyBytes: Number.MAX_SAFE_INTEGER,
          unverifiedBodyShare: { perAddressBytes: Number.MAX_SAFE_INTEGER, perAddressBodies: Number.MAX_SAFE_INTEGER },
        }
      : {}),
  },
});
process.stdout.write(`listening ${app.url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
