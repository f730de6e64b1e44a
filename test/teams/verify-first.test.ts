import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kvState } from '../../db/schema/index.js';
import { botAddedToTeam } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/** Sends the request line, headers and the first byte of a body it declares much longer, then waits. */
function openHalfRequest(url: string, headers: Record<string, string>): Promise<{ socket: Socket; answer: () => string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => {
      const head = [
        'POST /api/messages HTTP/1.1',
        `Host: ${hostname}:${port}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(`${head}{`);
      resolve({ socket, answer: () => answer });
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

/**
 * /api/messages verifies the Bot Framework token before it reads or parses the body: a request
 * with a forged or foreign token is refused with only its headers sent, over a real socket to the
 * real CloudAdapter route; a valid token's request is then read and served as before.
 */
describe('Teams: the token is verified before the body is read', () => {
  let h: TeamsHarness;
  let quiet: ReturnType<typeof vi.spyOn>;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await h.close();
    quiet.mockRestore();
  });

  it('refuses forged, foreign and expired tokens with 401 while the body is still unsent', async () => {
    const activity = botAddedToTeam(h.connector.url);
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      h.botFramework.authorization(activity, { forged: true }),
      h.botFramework.authorization(activity, { claims: { aud: '00000000-0000-4000-8000-0000000000ff' } }),
      h.botFramework.authorization(activity, { claims: { exp: now - 600, nbf: now - 4200 } }),
      'Bearer not-a-token',
    ];
    for (const authorization of tokens) {
      const half = await openHalfRequest(h.url, {
        'Content-Type': 'application/json',
        'Content-Length': '200000',
        Authorization: authorization,
      });
      sockets.push(half.socket);
      await vi.waitFor(() => expect(half.answer()).toMatch(/^HTTP\/1\.1 401 /), { timeout: 3000 });
      expect(half.answer()).toMatch(/connection: close/i);
    }
    expect(
      h.db.db
        .select()
        .from(kvState)
        .all()
        .filter((r) => r.key.startsWith('teams:')),
    ).toEqual([]);
    expect(h.connector.calls).toEqual([]);
  });

  it('parses no body whose token fails, and still serves a valid one', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const activity = botAddedToTeam(h.connector.url);
      const refused = await h.send(activity, { authorization: h.botFramework.authorization(activity, { forged: true }) });
      expect(refused.status).toBe(401);
      expect(parse.mock.calls.some(([text]) => typeof text === 'string' && text.includes('"conversationUpdate"'))).toBe(false);
      expect((await h.send(activity)).status).toBe(200);
    } finally {
      parse.mockRestore();
    }
  });
});
