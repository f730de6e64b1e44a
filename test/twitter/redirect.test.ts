import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createXClients } from '../../adapters/twitter/client.js';

describe('TWITTER_API_URL redirects the real client', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('sends https://api.x.com/2/... to the given base URL, path prefix included', async () => {
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { id: '1', username: 'acmecare', name: 'Acme' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const clients = createXClients({ bearerToken: 'token-xyz', apiUrl: `http://127.0.0.1:${port}/proxy/x/` });
    closers.push(async () => {
      clients.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const user = await clients.app.v2.userByUsername('acmecare');
    expect(user.data.id).toBe('1');
    expect(seen[0]?.url).toBe('/proxy/x/2/users/by/username/acmecare');
    expect(seen[0]?.headers.host).toBe(`127.0.0.1:${port}`);
    expect(seen[0]?.headers.authorization).toBe('Bearer token-xyz');
    expect(clients.user).toBeNull();
  });
});
