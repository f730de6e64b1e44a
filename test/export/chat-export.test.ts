import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { caseCsv } from '../../src/export/cases-csv.js';
import { parseCsv } from '../../scripts/eval/csv.js';
import { parseWindow } from '../../src/reports/metrics.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';
import { alice, botAddedToTeam, eve, mentionCommand, TRIAGE } from '../teams/activities.js';
import { startTeamsHarness, type TeamsHarness } from '../teams/harness.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const manifest = (await import('../../manifest.json', { with: { type: 'json' } })).default as {
  oauth_config: { scopes: { bot: string[] } };
};

describe('/klaxon report 30d csv in Slack: a CSV through files.uploadV2', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  async function setup(file: Record<string, unknown> = {}) {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ clock, file });
    const at = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
    await postIngest(
      h.url,
      {
        mentions: [
          mention({ id: 'e1', createdAt: at(30), author: { id: 'a1', handle: 'jane', name: '=HYPERLINK("http://evil","x")' } }),
          mention({ id: 'e2', createdAt: at(60 * 24 * 3), text: 'Refund, please, "now"' }),
          mention({ id: 'e3', createdAt: at(60 * 24 * 40) }),
        ],
      },
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
    return { clock, harness: h };
  }
  const run = async (harness: Harness, text: string, user = { id: 'UALICE', name: 'alice' }) => {
    const res = await postSlack(harness.url, SECRET, slashCommandBody({ text, user, channel: 'CTRIAGE' }));
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as { response_type: string; text: string };
  };

  it('answers at once, then uploads the rows (upload URL, bytes, completion) to the person’s DM with Klaxon', async () => {
    const { clock, harness } = await setup();
    const answer = await run(harness, 'report 30d csv');
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(
        /^📎 Exporting 2 cases opened in the last 30 days as CSV: the file arrives in your direct messages with Klaxon/,
      ),
    });
    await vi.waitFor(() => expect(harness.workspace.callsTo('files.completeUploadExternal')).toHaveLength(1));
    expect(harness.workspace.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(harness.workspace.callsTo('upload')).toHaveLength(1);
    const message = harness.workspace.messages.find((m) => m.files.length > 0)!;
    expect(message.channel).toBe('DUALICE');
    expect(harness.workspace.topLevel('CTRIAGE').some((m) => m.files.length > 0)).toBe(false);
    const file = harness.workspace.files.get(message.files[0]!.id)!;
    expect(file.filename).toMatch(/^klaxon-cases-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = file.bytes!.toString('utf8');
    expect(csv).toBe(caseCsv(harness.klaxon.db.db, parseWindow('30d', clock.now()), clock.now(), harness.klaxon.cases.sla));
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows.flat().filter((cell) => cell.startsWith('='))).toEqual([]);
    expect(rows.flat()).toContain(`'=HYPERLINK("http://evil","x") (@jane)`);
  });

  it('with share, the file goes to the channel; outside the agents list, nothing is exported', async () => {
    const { harness } = await setup({ permissions: { agents: ['UALICE'] } });
    await run(harness, 'report 7d csv share');
    await vi.waitFor(() => expect(harness.workspace.topLevel('CTRIAGE').filter((m) => m.files.length > 0)).toHaveLength(1));
    const refused = await run(harness, 'report 30d csv', { id: 'UEVE', name: 'eve' });
    expect(refused.text).toMatch(/not on the list of people who may read/);
    const plain = await run(harness, 'report 30d', { id: 'UEVE', name: 'eve' });
    expect(plain.text).toMatch(/not on the list of people who may read/);
    expect(harness.workspace.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  });

  it('the app asks for the scopes the upload needs', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['files:write', 'im:write', 'users:read', 'channels:read']));
  });
});

describe('@Klaxon report 30d csv in Teams: a signed, expiring download link', () => {
  let h: TeamsHarness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  async function ask(harness: TeamsHarness, text: string, who = alice): Promise<string> {
    const cmd = mentionCommand(harness.connector.url, text, who);
    await harness.send(cmd);
    await vi.waitFor(() => expect(harness.connector.replies(TRIAGE, cmd.id)).toHaveLength(1));
    // A text answer, or a card (the link is its Open URL action): everything a person reads or clicks.
    const inThread = harness.connector.replies(TRIAGE, cmd.id)[0]!;
    // The download link is for the asker alone: it goes to their 1:1 chat, and the thread only says so.
    if (!String(inThread.activity.text ?? '').includes('1:1 chat')) return JSON.stringify(inThread.activity);
    const chat = harness.connector.createdChats.find((c) => c.members.includes(who.id))!;
    return JSON.stringify(harness.connector.topLevel(chat.id).at(-1)!.activity);
  }

  it('links to the CSV on Klaxon’s own server; the link opens for 30 minutes and only as signed', async () => {
    h = await startTeamsHarness({ publicUrl: true });
    await h.send(botAddedToTeam(h.connector.url));
    await h.ingest({ id: 't1', text: '@brand @here charged twice, =cmd|calc' });
    await h.ingest({ id: 't2' });
    const text = await ask(h, 'report 30d csv');
    const link = /"type":"Action\.OpenUrl","title":"Download CSV","url":"(http:\/\/127\.0\.0\.1:\d+\/exports\/cases\.csv\?[^"]+)"/.exec(
      text,
    )?.[1];
    expect(link, text).toBeDefined();
    expect(text).toContain('2 cases opened in the last 30 days');

    const res = await fetch(link!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="klaxon-cases-/);
    const csv = await res.text();
    const asOf = new Date(Number(new URL(link!).searchParams.get('asof')));
    expect(csv).toBe(caseCsv(h.db.db, parseWindow('30d', asOf), asOf, h.cases.sla));
    expect(parseCsv(csv)).toHaveLength(3);

    // Any change to what the link names breaks it.
    const tampered = new URL(link!);
    tampered.searchParams.set('from', '0');
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(link!.replace(/sig=[0-9a-f]/, (m) => `sig=${m.endsWith('0') ? '1' : '0'}`))).status).toBe(403);
    expect((await fetch(`${new URL(link!).origin}/exports/cases.csv`)).status).toBe(403);
    h.clock.advance(30 * 60_000);
    const expired = await fetch(link!);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ error: 'this link has expired; ask Klaxon for a new one' });
  });

  it('without PUBLIC_URL it says what to set; outside the agents list it refuses', async () => {
    h = await startTeamsHarness({ agents: ['aad-alice'] });
    await h.send(botAddedToTeam(h.connector.url));
    await h.ingest({ id: 't3' });
    expect(await ask(h, 'report 30d csv')).toMatch(/PUBLIC_URL is not set/);
    expect(await ask(h, 'report 30d csv', eve)).toMatch(/not on the list of people who may read/);
  });
});
