import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** One HTTP request as the endpoint read it off the socket. */
export interface RawCall {
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
}

/**
 * How the endpoint treats a request:
 * - `late`: reads the whole request, then answers only after the client has given up (its
 *   socket closed) — a receiver slower than the client's timeout, deterministically.
 * - `reset`: reads the whole request, then destroys the connection with a TCP reset.
 * - `refuse-503`: answers 503 as soon as the request line arrives, before reading the body.
 * - `ok`: reads the request and answers 200 with `{"id","url"}`.
 */
export type Behaviour = 'late' | 'reset' | 'refuse-503' | 'ok';

/**
 * A reply endpoint on a raw loopback `net.Server` that misbehaves on purpose, request by request
 * (`next(n)` picks the behaviour of the n-th request, from 1). It records every request it read
 * in full, so a test counts deliveries the way the customer's system would have seen them.
 */
export async function startMisbehavingEndpoint(next: (n: number) => Behaviour) {
  const calls: RawCall[] = [];
  /** Requests answered 503 before their body was read (not deliveries). */
  let refused = 0;
  let seen = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let behaviour: Behaviour | null = null;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd === -1) return;
      if (behaviour === null) {
        seen += 1;
        behaviour = next(seen);
        if (behaviour === 'refuse-503') {
          refused += 1;
          socket.end(
            'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ' +
              '20\r\n\r\n{"error":"overload"}',
          );
          return;
        }
      }
      if (behaviour === 'refuse-503') return;
      const head = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const length = Number(headers['content-length'] ?? 0);
      const body = buffer.subarray(headEnd + 4);
      if (body.length < length) return;
      const text = body.subarray(0, length).toString('utf8');
      calls.push({ headers, body: text, json: JSON.parse(text || '{}') as Record<string, unknown> });
      const n = calls.length;
      if (behaviour === 'reset') {
        socket.resetAndDestroy();
      } else if (behaviour === 'late') {
        // Answers once the client has hung up: too late for it to hear.
        socket.once('end', () => socket.end(answer(n)));
      } else {
        socket.end(answer(n));
      }
      socket.removeAllListeners('data');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/replies`,
    calls,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(n: number): string {
  const body = JSON.stringify({ id: `r${n}`, url: `https://support.example.com/replies/r${n}` });
  return (
    `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ` +
    `${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
