import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeFetch, type LookupAll } from '../../adapters/webhook/ssrf.js';
import { isKlaxonError } from '../../src/errors.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server that records what reaches it and answers with `reply`. */
async function server(reply: (req: Seen, res: ServerResponse) => void): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const s: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      reply(entry, res);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    port: (s.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      }),
  };
}

const redirect =
  (to: string, status = 302) =>
  (_req: Seen, res: ServerResponse) =>
    res.writeHead(status, { location: to }).end();
const ok =
  (body = 'ok') =>
  (_req: Seen, res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'text/plain', 'x-answer': 'yes' }).end(body);

/** A resolver for invented names; counts questions so the tests can see nothing is re-resolved. */
function fakeDns(table: Record<string, string[]>): LookupAll & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const answers = table[host];
    if (!answers?.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    // A rebinding resolver: each question gets the next answer (the last one repeats).
    const address = answers[Math.min(asked.filter((h) => h === host).length - 1, answers.length - 1)]!;
    return [{ address, family: 4 }];
  };
  return Object.assign(lookup, { asked });
}

async function refusal(promise: Promise<unknown>, code: 'invalid_input' | 'delivery_failed'): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isKlaxonError(error, code), String(error)).toBe(true);
  return (error as Error).message;
}

describe('safeFetch', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const start = async (reply: Parameters<typeof server>[0]) => {
    const s = await server(reply);
    servers.push(s);
    return s;
  };

  it('fetches from an allowed target and returns a fetch Response', async () => {
    const target = await start(ok('hello'));
    const res = await safeFetch(
      `http://127.0.0.1:${target.port}/hook?x=1`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
      { allowPrivate: true },
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-answer')).toBe('yes');
    expect(await res.text()).toBe('hello');
    expect(target.seen).toEqual([expect.objectContaining({ method: 'POST', url: '/hook?x=1', body: '{"a":1}' })]);
  });

  it('refuses a private target before connecting when private targets are not allowed', async () => {
    const target = await start(ok());
    expect(await refusal(safeFetch(`http://127.0.0.1:${target.port}/`, {}, { allowPrivate: false }), 'invalid_input')).toContain(
      'loopback',
    );
    expect(target.seen).toHaveLength(0);
  });

  it('follows up to three redirects, checking every hop', async () => {
    const d = await start(ok('final'));
    const c = await start(redirect(`http://127.0.0.1:${d.port}/d`));
    const b = await start(redirect(`http://127.0.0.1:${c.port}/c`, 307));
    const a = await start(redirect(`http://127.0.0.1:${b.port}/b`, 308));
    const res = await safeFetch(`http://127.0.0.1:${a.port}/a`, {}, { allowPrivate: true });
    expect(await res.text()).toBe('final');
    expect([a, b, c, d].map((s) => s.seen.length)).toEqual([1, 1, 1, 1]);
  });

  it('gives up after the third redirect', async () => {
    const e = await start(ok('never'));
    const d = await start(redirect(`http://127.0.0.1:${e.port}/`));
    const c = await start(redirect(`http://127.0.0.1:${d.port}/`));
    const b = await start(redirect(`http://127.0.0.1:${c.port}/`));
    const a = await start(redirect(`http://127.0.0.1:${b.port}/`));
    expect(await refusal(safeFetch(`http://127.0.0.1:${a.port}/`, {}, { allowPrivate: true }), 'delivery_failed')).toContain(
      'more than 3 times',
    );
    expect(e.seen).toHaveLength(0);
  });

  it('refuses a redirect from an allowed host to 127.0.0.1, without calling it', async () => {
    const inside = await start(ok('secret internal data'));
    const hooks = await start(redirect(`http://127.0.0.1:${inside.port}/admin`));
    const lookup = fakeDns({ 'hooks.test': ['127.0.0.1'] });
    // hooks.test is allowed by name (as config would allow one internal webhook host); the
    // address it redirects to is not.
    const message = await refusal(
      safeFetch(`http://hooks.test:${hooks.port}/reply`, {}, { allowPrivate: false, allowedHosts: ['hooks.test'], lookup }),
      'invalid_input',
    );
    expect(message).toContain('127.0.0.1');
    expect(hooks.seen).toHaveLength(1);
    expect(inside.seen).toHaveLength(0);
  });

  it('refuses a redirect to a name that resolves to a private address, without connecting', async () => {
    const hooks = await start(redirect('http://evil.test/steal'));
    const lookup = fakeDns({ 'hooks.test': ['127.0.0.1'], 'evil.test': ['10.0.0.7'] });
    const message = await refusal(
      safeFetch(`http://hooks.test:${hooks.port}/`, {}, { allowPrivate: false, allowedHosts: ['hooks.test'], lookup }),
      'invalid_input',
    );
    expect(message).toContain('evil.test resolves to 10.0.0.7');
  });

  it('connects to the address it checked: a second DNS answer cannot rebind the host', async () => {
    const target = await start(ok('pinned'));
    // First answer loopback (allowed for this host), any later one a different network. If the
    // connection resolved again — through this resolver or the system's, which does not know
    // rebind.test — it would fail instead of reaching the server.
    const lookup = fakeDns({ 'rebind.test': ['127.0.0.1', '10.255.255.1'] });
    const res = await safeFetch(`http://rebind.test:${target.port}/x`, {}, { allowPrivate: false, allowedHosts: ['rebind.test'], lookup });
    expect(await res.text()).toBe('pinned');
    expect(lookup.asked).toEqual(['rebind.test']);
    expect(target.seen[0]?.headers.host).toBe(`rebind.test:${target.port}`);
  });

  it('turns POST into GET on 303 and keeps method and body on 307', async () => {
    const end = await start(ok());
    const see = await start(redirect(`http://127.0.0.1:${end.port}/after-303`, 303));
    await safeFetch(
      `http://127.0.0.1:${see.port}/`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reply":1}' },
      { allowPrivate: true },
    );
    expect(end.seen[0]).toMatchObject({ method: 'GET', body: '' });
    expect(end.seen[0]?.headers['content-type']).toBeUndefined();
    const temp = await start(redirect(`http://127.0.0.1:${end.port}/after-307`, 307));
    await safeFetch(
      `http://127.0.0.1:${temp.port}/`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reply":2}' },
      { allowPrivate: true },
    );
    expect(end.seen[1]).toMatchObject({ method: 'POST', url: '/after-307', body: '{"reply":2}' });
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const other = await start(ok());
    const first = await start(redirect(`http://127.0.0.1:${other.port}/`, 307));
    await safeFetch(
      `http://127.0.0.1:${first.port}/`,
      { method: 'POST', headers: { authorization: 'Bearer t0ken', 'x-klaxon-signature': 'v1=abc' }, body: 'x' },
      { allowPrivate: true },
    );
    expect(first.seen[0]?.headers.authorization).toBe('Bearer t0ken');
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers['x-klaxon-signature']).toBe('v1=abc');
  });

  it('keeps at most maxBodyBytes of an endless answer', async () => {
    const target = await start((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'z');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const res = await safeFetch(`http://127.0.0.1:${target.port}/`, {}, { allowPrivate: true, maxBodyBytes: 1000 });
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBe(1000);
  });

  it('stops when the caller aborts', async () => {
    const target = await start(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const pending = safeFetch(`http://127.0.0.1:${target.port}/`, { signal: controller.signal }, { allowPrivate: true });
    await vi.waitFor(() => expect(target.seen).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
