/**
 * 8b. Memory under slow unauthenticated senders: 60 connections to /slack/events, each declaring a
 * 1 MiB body, sending all but its last byte and stalling. The app runs in a fresh process of its
 * own (bench/slow-senders-app.ts); its RSS is read from its /metrics. Reported: RSS growth while
 * the senders are held, against the same senders with no cap on unverified bodies (what they
 * could hold before the cap), measured in this run. The test suite asserts the behaviour (503
 * past the cap, the gauge back to 0); RSS is only reported, here.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, type Figure } from './lib/figure.js';
import { sleep } from './lib/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SENDERS = 60;
const MiB = 1024 * 1024;
const TARGET_GROWTH_MB = 64;

interface Run {
  idleRssMb: number;
  heldRssMb: number;
  afterRssMb: number;
  heldBytes: number;
  afterBytes: number;
  refused: number;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+(?:\\.\\d+)?(?:e\\+\\d+)?)$`, 'm').exec(text)?.[1] ?? NaN);
}
const rssMb = async (url: string) => (await metric(url, 'klaxon_process_resident_memory_bytes')) / MiB;

async function peakRss(url: string, ms: number): Promise<number> {
  let max = 0;
  for (let t = 0; t < ms; t += 100) {
    max = Math.max(max, await rssMb(url));
    await sleep(100);
  }
  return max;
}

/** Headers, then all of a 1 MiB body but its last byte; resolves when written or answered. */
function slowSender(url: string): Promise<{ socket: Socket; status: () => number | null }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let status: number | null = null;
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [
          'POST /slack/events HTTP/1.1',
          `Host: ${hostname}:${port}`,
          'Content-Type: application/x-www-form-urlencoded',
          `Content-Length: ${MiB}`,
          `X-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}`,
          `X-Slack-Signature: v0=${'ab'.repeat(32)}`,
          '',
          '',
        ].join('\r\n'),
      );
      socket.write(Buffer.alloc(MiB - 1, 0x61), () => resolve({ socket, status: () => status }));
    });
    socket.on('data', (chunk: Buffer) => {
      status ??= Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0);
      resolve({ socket, status: () => status });
    });
    socket.on('error', () => resolve({ socket, status: () => status }));
  });
}

async function run(cap: 'default' | 'none'): Promise<Run> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'bench', 'slow-senders-app.ts'), cap],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /listening (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening`)));
    });
    await sleep(1000);
    const idleRssMb = await peakRss(url, 500);
    const senders = await Promise.all(Array.from({ length: SENDERS }, () => slowSender(url)));
    const heldRssMb = await peakRss(url, 3000);
    const heldBytes = await metric(url, 'klaxon_http_unverified_body_bytes');
    const refused = senders.filter((s) => s.status() === 503).length;
    for (const s of senders) s.socket.destroy();
    await sleep(1500);
    return {
      idleRssMb,
      heldRssMb,
      afterRssMb: await rssMb(url),
      heldBytes,
      afterBytes: await metric(url, 'klaxon_http_unverified_body_bytes'),
      refused,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function benchSlowSenders(log: (line: string) => void): Promise<Figure> {
  const capped = await run('default');
  const open = await run('none');
  const growth = capped.heldRssMb - capped.idleRssMb;
  const openGrowth = open.heldRssMb - open.idleRssMb;
  log(
    `  with the 16 MiB cap: RSS ${Math.round(capped.idleRssMb)} → ${Math.round(capped.heldRssMb)} MB while held ` +
      `(${capped.refused} of ${SENDERS} refused with 503, ${capped.heldBytes} bytes reserved) → ${Math.round(capped.afterRssMb)} MB ` +
      `after they closed (gauge ${capped.afterBytes})`,
  );
  log(
    `  with no cap:         RSS ${Math.round(open.idleRssMb)} → ${Math.round(open.heldRssMb)} MB while held (${open.refused} ` +
      `refused) → ${Math.round(open.afterRssMb)} MB after`,
  );
  const met = growth < TARGET_GROWTH_MB;
  return {
    id: 'memory-slow-senders',
    name: '60 slow unauthenticated 1 MiB senders on /slack/events: the app’s RSS growth while they are held',
    value: round(growth, 1),
    unit: 'MB',
    baseline: {
      name: 'no cap',
      value: round(openGrowth, 1),
      unit: 'MB',
      description: 'the same 60 senders against the app with no cap on bodies held before verification, in a fresh process, same run',
    },
    ratio: round(growth / openGrowth),
    ratioOf: 'of uncapped',
    target: `< ${TARGET_GROWTH_MB} MB`,
    met,
    ...(met ? {} : { limit: 'the 16 MiB cap bounds the bodies; the rest is socket buffers and garbage not yet collected' }),
    details: { capped, uncapped: open },
  };
}
