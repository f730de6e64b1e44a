import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: Record<string, unknown>;
}

/** A customer's reply endpoint on loopback: records every signed POST and answers with a link. */
export async function startWebhookReceiver(
  answer: (call: ReceivedCall, n: number) => { status: number; body?: unknown; headers?: Record<string, string> } = (_c, n) => ({
    status: 200,
    body: { id: `r${n}`, url: `https://support.example.com/replies/r${n}` },
  }),
) {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const call = { headers: req.headers, body, json: JSON.parse(body || '{}') as Record<string, unknown> };
      calls.push(call);
      const out = answer(call, calls.length);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/replies`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
