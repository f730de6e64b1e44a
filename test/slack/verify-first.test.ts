import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';

// Every form body the Slack guard parses is recorded (Bolt's own parsing does not come through here).
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('node:querystring', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:querystring')>();
  const parse = (text: string, ...rest: unknown[]) => {
    parsed.push(text);
    return (actual.parse as (...args: unknown[]) => ReturnType<typeof actual.parse>)(text, ...rest);
  };
  return { ...actual, parse, default: { ...actual, parse } };
});

/**
 * /slack/events parses nothing of a body before its signature matches: a forged slash command
 * (right headers, wrong HMAC) is refused without being parsed; a signed one is parsed and served.
 * Real Bolt app on a loopback server.
 */
describe('Slack: the signature is verified before the body is parsed', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('refuses a forged form body unparsed, and parses a signed one', async () => {
    h = await startHarness();
    const body = slashCommandBody({ text: 'queue', user: { id: 'UMALLORY', name: 'mallory' }, channel: 'CTRIAGE' });
    const forged = await postSlack(h.url, 'not-the-signing-secret', body);
    expect(forged.status).toBe(401);
    expect(parsed.filter((text) => text === body)).toEqual([]);

    const signed = await postSlack(h.url, TEST_SECRETS.SLACK_SIGNING_SECRET, body);
    expect(signed.status).toBe(200);
    expect(parsed.filter((text) => text === body)).toHaveLength(1);
  });
});
