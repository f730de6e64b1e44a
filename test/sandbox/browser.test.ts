import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { WebhookReplySource } from '../../adapters/webhook/reply-source.js';
import { caseEvents, cases as casesTable } from '../../db/schema/index.js';
import { renderDailyChartPng } from '../../src/reports/chart.js';
import { localDayKey } from '../../src/reports/digest-days.js';
import { buildDigest } from '../../src/reports/digest.js';
import type { ManualClock } from '../../src/clock.js';
import { chromium as chromiumBinary } from '../helpers/requirements.js';
import { channelMessages, startSandboxApp, type SandboxApp } from './setup.js';

/**
 * The sandbox in a real browser: Debian's Chromium (`apt-get install chromium`, done by
 * `.ci/run`), driven headless by playwright-core. Playwright's own browser download cannot work
 * without internet. Without Chromium the suite is skipped with one line saying how to install it,
 * except with CI=true, where it runs and fails.
 */
const browserBinary = chromiumBinary(import.meta.filename);
// Flags that work on these machines (see STACK.md): no sandbox (root in CI), no GPU, and no
// background networking, which this closed network would refuse anyway.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A sandbox app and a fresh headless Chromium on it (one per suite), closed together. */
interface Session {
  app: SandboxApp;
  browser: BrowserContext;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

async function openSession(): Promise<Session> {
  browserBinary.assertPresent();
  const app = await startSandboxApp();
  const profile = mkdtempSync(join(tmpdir(), 'klaxon-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: browserBinary.executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(8000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    app,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await app.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

describe.skipIf(browserBinary.skip)('the sandbox page in headless Chromium', () => {
  let session: Session;
  let app: SandboxApp;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSession();
    ({ app, page, pageErrors } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('create a mention with the form, see the card, Claim it, see the card update, run /klaxon report', async () => {
    await page.goto(`${app.url}/sandbox`);
    await page.getByText('No cards yet').waitFor();

    const form = page.locator('#mention-form');
    await form.getByLabel('Handle').fill('@jane_doe');
    await form.getByLabel('Name').fill('Jane Doe');
    await form.getByLabel('Followers').fill('48000');
    await form.getByLabel('Text').fill('Charged twice for one order and nobody answers the phone. Talking to my lawyer.');
    await form.getByRole('button', { name: 'Send mention' }).click();

    const card = page.locator('#messages .msg', { hasText: 'Talking to my lawyer' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Jane Doe');
    await card.getByText('Unassigned').waitFor();

    await card.getByRole('button', { name: 'Claim', exact: true }).click();
    await card.getByText('Owner: @Alex Rivera').waitFor();
    await card.getByText('(edited)').waitFor();

    await page.locator('#composer-input').fill('/klaxon report');
    await page.locator('#composer-input').press('Enter');
    const answer = page.locator('#messages .msg.ephemeral', { hasText: '/klaxon report' });
    await answer.waitFor();
    expect(await answer.textContent()).toMatch(/Only visible to you/);
    expect(await answer.textContent()).toMatch(/response rate/i);

    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('Reply in a modal with a live preview; the privacy guard pushes a ' +
    'second view; "Send as DM instead" reaches the customer', async () => {
    const card = page.locator('#messages .msg', { hasText: 'Talking to my lawyer' });
    await card.getByRole('button', { name: 'Reply', exact: true }).click();
    const modal = page.locator('.modal');
    await modal.getByText('Reply to K-1').waitFor();
    await modal.getByRole('textbox').fill('So sorry Jane, card 4929 1234 5678 9015 is refunded');
    // Typing dispatches block actions; the app re-renders the preview with views.update.
    await modal.getByText('payment card number').waitFor();
    await modal.getByRole('button', { name: 'Send reply' }).click();
    await modal.getByText('Private data found').waitFor();
    await modal.getByRole('button', { name: 'Send as DM instead' }).click();
    await modal.waitFor({ state: 'detached' });
    const delivered = page.locator('.feed .post-reply', { hasText: '4929 1234 5678 9015' });
    await delivered.waitFor();
    expect(await delivered.textContent()).toContain('private');
    await card.getByText('Private message sent').waitFor();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('renders mrkdwn as Slack does, and customer text can never become markup', async () => {
    const samples = [
      '*bold* _italic_ ~gone~ `code`',
      '```a < b && c```',
      '> quoted &lt;text&gt;\nplain',
      '<https://example.com/a?b=1&amp;c=2|the link> <mailto:x@example.com>',
      '<@UAGENTALEX> <!subteam^S0ONCALL> <#CSBBILLING|billing-team>',
      '<!date^1800000000^{not_a_token}|2027-01-15 08:00 UTC>',
      'say &lt;img src=x onerror=alert(1)&gt; &amp; <javascript:alert(1)|click me>',
      'delivered: https://example.com/p?a=1&amp;b=2, thanks',
    ];
    // The page's own module, loaded in the page (a string: TypeScript must not resolve the URL).
    const render =
      `async (texts) => {
      const m = await import('/sandbox/assets/mrkdwn.js');
      const ctx = { userName: (id) => (id === 'UAGENTALEX' ? 'Alex Rivera' : id), channelName: () => 'billing-team', groupName: ` +
      `() => 'on-call' };
      return texts.map((t) => m.mrkdwn(t, ctx));
    }`;
    const html = (await page.evaluate(`(${render})(${JSON.stringify(samples)})`)) as string[];
    expect(html[0]).toBe('<b>bold</b> <i>italic</i> <s>gone</s> <code>code</code>');
    expect(html[1]).toBe('<pre>a &lt; b &amp;&amp; c</pre>');
    expect(html[2]).toBe('<blockquote>quoted &lt;text&gt;</blockquote>plain');
    expect(html[3]).toContain('<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the link</a>');
    expect(html[3]).toContain('>mailto:x@example.com</a>');
    expect(html[4]).toContain('@Alex Rivera');
    expect(html[4]).toContain('@on-call');
    expect(html[4]).toContain('#billing-team');
    expect(html[5]).toBe('2027-01-15 08:00 UTC');
    expect(html[6]).not.toMatch(/<img|<a /);
    expect(html[6]).toBe('say &lt;img src=x onerror=alert(1)&gt; &amp; click me');
    expect(html[7]).toBe(
      'delivered: <a href="https://example.com/p?a=1&amp;b=2" target="_blank" rel="noopener ' +
        'noreferrer">https://example.com/p?a=1&amp;b=2</a>, thanks',
    );
  });
});

/**
 * Issue #14, the first hour of a new user, in the browser: one sandbox from "No cards yet" through
 * the samples, names, signatures, the X budget, saved replies, paging, the digest and a narrow
 * window. Each step asserts what a person sees on the page.
 */
describe.skipIf(browserBinary.skip)('a newcomer’s first hour in the sandbox (headless Chromium)', () => {
  let session: Session;
  let app: SandboxApp;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSession();
    ({ app, page, pageErrors } = session);
    await page.goto(`${app.url}/sandbox`);
    await page.getByText('No cards yet').waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  const composer = () => page.locator('#composer-input');
  async function say(text: string): Promise<void> {
    await composer().fill(text);
    await composer().press('Enter');
  }
  async function actAs(user: 'UAGENTALEX' | 'UAGENTSAM' | 'ULEADJORDAN'): Promise<void> {
    await page.locator('#user-switch').selectOption(user);
    await expect.poll(() => page.evaluate("localStorage.getItem('klaxon-sandbox-user')")).toBe(user);
  }
  async function openChannel(name: string): Promise<void> {
    await page.locator('.nav-item', { hasText: name }).first().click();
    await page.locator('#channel-title', { hasText: name }).waitFor();
  }
  const card = (text: string) => page.locator('#messages .msg', { hasText: text }).first();
  const modal = () => page.locator('.modal');
  async function refOf(text: string): Promise<string> {
    return /K-\d+/.exec((await card(text).textContent()) ?? '')![0];
  }
  /** Everything readable on the page: the channel, the side panel and any modal. */
  const visibleText = () => page.locator('body').innerText();

  it('one case reads "1 case", not "1 cases"', async () => {
    const form = page.locator('#mention-form');
    await form.getByLabel('Text').fill('Where is my parcel? It was due on Monday.');
    await form.getByRole('button', { name: 'Send mention' }).click();
    await card('Where is my parcel').waitFor();
    // The manual clock stands still; the digest's window ends just before "now".
    (app.clock as ManualClock).advance(60_000);
    await say('/klaxon digest');
    await openChannel('social-digest');
    const digest = page.locator('#messages .msg', { hasText: 'Daily digest' });
    await digest.waitFor();
    expect(await digest.innerText()).toMatch(/Volume\s*\n?\s*1 case\b/);
    expect(await visibleText()).not.toMatch(/\b1 cases\b/);
    await openChannel('social-triage');
  }, 30_000);

  it('Replay samples twice: the second time says so and adds no case', async () => {
    await page.getByRole('button', { name: 'Replay samples' }).click();
    await expect.poll(async () => channelMessages(await app.state(), 'CSBTRIAGE').length, { timeout: 15_000 }).toBeGreaterThan(20);
    await app.klaxon.worker.drain();
    const before = channelMessages(await app.state(), 'CSBTRIAGE').length;
    const cases = app.klaxon.db.db.select().from(casesTable).all().length;
    await page.getByRole('button', { name: 'Replay samples' }).click();
    await page.locator('.replay-row .form-result', { hasText: 'Already replayed' }).waitFor();
    expect(channelMessages(await app.state(), 'CSBTRIAGE')).toHaveLength(before);
    expect(app.klaxon.db.db.select().from(casesTable).all()).toHaveLength(cases);
    // The customer view shows each sample once.
    expect(await page.locator('.feed .post', { hasText: 'does the new unlimited plan throttle' }).count()).toBe(1);
  }, 40_000);

  it('people are named everywhere, and each signs with their own initials (^AR, ^SO)', async () => {
    const question = card('does the new unlimited plan throttle');
    const ref = await refOf('does the new unlimited plan throttle');
    await question.getByRole('button', { name: 'Claim', exact: true }).click();
    await question.getByText('Owner: @Alex Rivera').waitFor();
    await question.locator('.thread-link').click();
    await page.locator('#thread-panel', { hasText: 'Claimed by Alex Rivera' }).waitFor();

    await question.getByRole('button', { name: 'Reply', exact: true }).click();
    await modal().getByText(`Reply to ${ref}`).waitFor();
    await modal().getByText('Sign with my initials (^AR)').waitFor();
    await modal().getByRole('textbox').fill('Hi Gus, no throttling on unlimited.');
    await modal().getByText('Hi Gus, no throttling on unlimited. ^AR').waitFor();
    await modal().getByRole('button', { name: 'Cancel' }).click();
    await modal().waitFor({ state: 'detached' });

    // Sam may not act on Alex's case: told by name.
    await actAs('UAGENTSAM');
    await say(`/klaxon resolve ${ref}`);
    const refusal = page.locator('#messages .msg.ephemeral', { hasText: `/klaxon resolve ${ref}` });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('claimed by Alex Rivera');
    await card('does the new unlimited plan throttle').getByRole('button', { name: 'Reply', exact: true }).click();
    await modal().getByText('Sign with my initials (^SO)').waitFor();
    await modal().getByRole('button', { name: 'Cancel' }).click();
    await modal().waitFor({ state: 'detached' });

    // Alex hands it to Sam: the thread and Sam's DM say who, by name.
    await actAs('UAGENTALEX');
    await card('does the new unlimited plan throttle').getByRole('button', { name: 'Hand off', exact: true }).click();
    await modal().locator('select[data-action-id="user"]').selectOption('UAGENTSAM');
    await modal().getByRole('button', { name: 'Hand off', exact: true }).click();
    await modal().waitFor({ state: 'detached' });
    await card('does the new unlimited plan throttle').getByText('Owner: @Sam Okafor').waitFor();
    await card('does the new unlimited plan throttle').locator('.thread-link').click();
    await page.locator('#thread-panel', { hasText: 'Handed off to Sam Okafor by Alex Rivera' }).waitFor();
    await actAs('UAGENTSAM');
    await openChannel('Klaxon');
    await page.locator('#messages .msg', { hasText: `${ref} was handed to you by Alex Rivera` }).waitFor();
    await openChannel('Klaxon — Home');
    await page.locator('#messages .home', { hasText: 'My open cases (1)' }).waitFor();
    expect(await page.locator('#messages .home').innerText()).toContain('@Sam Okafor');
    await actAs('UAGENTALEX');
    await openChannel('social-triage');
    // No platform ids anywhere a person reads.
    expect(await visibleText()).not.toMatch(/slack:U|\bUAGENT|\bULEAD/);
    expect(app.sandbox.workspace.messages.map((m) => m.text).join('\n')).not.toMatch(/slack:U|\bUAGENT(?!\w*>)|ULEADJORDAN(?!>)/);
  }, 60_000);

  it('a reply to an X case shows its 280-character budget as it is typed ' +
    'and is refused over it; nothing reaches the customer', async () => {
    const influencer = card('three "delivery attempts" this week');
    await influencer.getByRole('button', { name: 'Claim', exact: true }).click();
    await influencer.getByText('Owner: @Alex Rivera').waitFor();
    await influencer.getByRole('button', { name: 'Reply', exact: true }).click();
    await modal().getByRole('textbox').fill('Sorry Tara, we are on it.');
    await modal()
      .getByText(/\d+\/280 characters$/)
      .waitFor();
    const long = `Sorry Tara, ${'we are looking into the courier records for every attempt this week and will call you. '.repeat(4)}`;
    await modal().getByRole('textbox').fill(long);
    await modal()
      .getByText(/🚫 \d+\/280 characters — \d+ too many/)
      .waitFor();
    await modal().getByRole('button', { name: 'Send reply' }).click();
    await modal()
      .locator('.bk-error', { hasText: /takes at most 280/ })
      .waitFor();
    await modal().getByRole('button', { name: 'Cancel' }).click();
    await modal().waitFor({ state: 'detached' });
    expect(await page.locator('.feed .post-reply', { hasText: 'courier records' }).count()).toBe(0);
    expect(app.sandbox.workspace.messages.some((m) => m.text.includes('courier records'))).toBe(false);
  }, 30_000);

  it('the stand-in X refuses a post over 280 weighted characters even when it is sent to it directly', async () => {
    const hook = app.sandbox.config.file.sources.twitter!.replyWebhook!;
    const direct = new WebhookReplySource({
      source: 'twitter',
      url: hook.url,
      secret: hook.secret!,
      allowPrivateTargets: true,
      clock: app.clock,
    });
    const input = { caseId: 1, inReplyTo: 'x', author: { handle: 'tara' }, idempotencyKey: 'k1' };
    await expect(direct.replyPublic({ ...input, text: 'x'.repeat(281) })).rejects.toThrow(
      /X refuses posts over 280 weighted characters; this one has 281/,
    );
    // X's own count: a link is 23 however long, so this fits.
    await expect(
      direct.replyPublic({ ...input, idempotencyKey: 'k2', text: `${'y'.repeat(250)} https://example.com/${'a'.repeat(200)}` }),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('a saved reply asks before it replaces typed text, and not when the box is empty', async () => {
    const influencer = card('three "delivery attempts" this week');
    await influencer.getByRole('button', { name: 'Reply', exact: true }).click();
    const saved = modal().locator('select[data-action-id="klaxon_saved_reply"]');
    await saved.waitFor();
    // Empty box: no question, the saved reply goes in.
    await saved.selectOption('thanks');
    await expect.poll(() => modal().getByRole('textbox').inputValue()).toContain('Thank you so much Tara');
    await modal().getByRole('textbox').fill('My own careful words');
    // The app re-renders the form with the confirmation once text is typed.
    await modal().locator('.bk-input[data-block-id="saved_confirm"] select').waitFor();
    await modal().locator('select[data-action-id="klaxon_saved_reply"]').selectOption('sorry-wait');
    const dialog = page.locator('.confirm-box');
    await dialog.getByText('Replace your reply?').waitFor();
    await dialog.getByRole('button', { name: 'Keep my text' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await modal().getByRole('textbox').inputValue()).toBe('My own careful words');
    await modal().locator('select[data-action-id="klaxon_saved_reply"]').selectOption('sorry-wait');
    await page.locator('.confirm-box').getByRole('button', { name: 'Replace it' }).click();
    await expect.poll(() => modal().getByRole('textbox').inputValue()).toContain('Hi Tara, sorry for the wait');
    await modal().getByRole('button', { name: 'Cancel' }).click();
    await modal().waitFor({ state: 'detached' });
  }, 30_000);

  it('the Resolve form says "(optional)" once', async () => {
    await card('three "delivery attempts" this week').getByRole('button', { name: 'Resolve', exact: true }).click();
    await modal()
      .getByText(/^Resolve K-\d+$/)
      .waitFor();
    const text = await modal().innerText();
    expect(text).toMatch(/Reason\s*\(optional\)/);
    expect(text).not.toContain('(optional) (optional)');
    await modal().getByRole('button', { name: 'Cancel' }).click();
    await modal().waitFor({ state: 'detached' });
  });

  it('/klaxon queue pages with Next and Previous; App Home shows more on request', async () => {
    await say('/klaxon queue');
    const answer = page.locator('#messages .msg.ephemeral', { hasText: '/klaxon queue' }).last();
    await answer.getByText(/Open cases\s*\(\d+\) · 1–15/).waitFor();
    const total = Number(/Open cases\s*\((\d+)\)/.exec(await answer.innerText())![1]);
    expect(total).toBeGreaterThan(15);
    await answer.getByRole('button', { name: /^Next \d+ ›$/ }).click();
    await answer.getByText(new RegExp(`Open cases\\s*\\(${total}\\) · 16–${Math.min(30, total)}`)).waitFor();
    await answer.getByRole('button', { name: '‹ Previous 15' }).click();
    await answer.getByText(/· 1–15/).waitFor();

    // Jordan (a lead) claims nine cases; Home lists eight and offers the ninth.
    const unowned = app.klaxon.db.db
      .select()
      .from(casesTable)
      .all()
      .filter((c) => c.state === 'open' && c.ownerId === null && c.mergedInto === null);
    for (const c of unowned.slice(0, 9))
      await app.act('say', { user: 'ULEADJORDAN', channel: 'CSBTRIAGE', text: `/klaxon claim K-${c.id}` });
    await expect
      .poll(
        () =>
          app.klaxon.db.db
            .select()
            .from(casesTable)
            .all()
            .filter((c) => c.ownerId === 'slack:ULEADJORDAN').length,
      )
      .toBe(9);
    await actAs('ULEADJORDAN');
    await openChannel('Klaxon — Home');
    const home = page.locator('#messages .home');
    await home.getByText('My open cases (9) · showing 8').waitFor();
    await home.getByRole('button', { name: 'Show 1 more' }).first().click();
    await home.getByText(/^My open cases \(9\)$/).waitFor();
    expect((await home.innerText()).match(/\bK-\d+\b/g)!.length).toBeGreaterThanOrEqual(9);
    await actAs('UAGENTALEX');
    await openChannel('social-triage');
  }, 60_000);

  it('/klax gets one helpful message and no error toast', async () => {
    await say('/klax report');
    const answer = page.locator('#messages .msg.ephemeral', { hasText: '/klax report' });
    await answer.getByText('/klax is not a valid command. Did you mean /klaxon?', { exact: false }).waitFor();
    expect(await page.locator('#toasts .toast').count()).toBe(0);
  });

  it('<b>x</b> typed in a thread is shown as text and stored as typed', async () => {
    const target = card('no signal in Manchester');
    await target.hover();
    await target.getByRole('button', { name: /Reply in thread/ }).click();
    const box = page.locator('#thread-panel textarea');
    await box.fill('<b>x</b> & <!here> asked the network team');
    await box.press('Enter');
    const note = page.locator('#thread-panel .msg', { hasText: 'asked the network team' });
    await note.waitFor();
    expect(await note.innerText()).toContain('<b>x</b> & <!here> asked the network team');
    expect(await note.locator('.msg-text a, .msg-text b').count()).toBe(0);
    await expect
      .poll(() =>
        app.klaxon.db.db
          .select()
          .from(caseEvents)
          .where(eq(caseEvents.kind, 'note'))
          .all()
          .map((e) => (e.detail as { text: string }).text),
      )
      .toContain('<b>x</b> & <!here> asked the network team');
  });

  it('the digest’s rate line carries pending and overdue, and its chart includes today', async () => {
    await say('/klaxon digest');
    await openChannel('social-digest');
    const digest = page.locator('#messages .msg', { hasText: 'Daily digest' }).last();
    await digest.locator('img').waitFor();
    const text = await digest.innerText();
    expect(text).toMatch(
      /24-hour response rate\s*\n[^\n]*answered within 24 h\) · \d+ pending \(no reply yet, under 24 h old\)(, \d+ of them overdue)?\n/,
    );
    // The chart posted is the one drawn from a series ending with today, today's cases in it.
    const now = app.clock.now();
    const built = buildDigest(app.klaxon.db.db, now, {
      sla: app.sandbox.config.file.sla,
      timeZone: app.sandbox.config.file.digest.timeZone,
      competitors: [],
      vips: () => false,
    });
    expect(built.daily.at(-1)).toMatchObject({
      partial: true,
      volume: app.klaxon.db.db
        .select()
        .from(casesTable)
        .all()
        .filter((c) => localDayKey(c.createdAt, built.timeZone) === built.day).length,
    });
    // The samples are backdated up to an hour: unless the run is in the first hour of the day,
    // they are all today's, so today's bar is not an empty one matching an empty count.
    if (localDayKey(new Date(now.getTime() - 3_600_000), built.timeZone) === built.day)
      expect(built.daily.at(-1)!.volume).toBeGreaterThan(20);
    const png = [...app.sandbox.workspace.files.values()].at(-1)!.bytes!;
    expect(png.equals(renderDailyChartPng(built.daily))).toBe(true);
    await openChannel('social-triage');
  }, 30_000);

  it('at 800 px wide the Send button is fully visible', async () => {
    await page.setViewportSize({ width: 800, height: 700 });
    const send = page.locator('#composer button[type="submit"]');
    const box = (await send.boundingBox())!;
    const column = (await page.locator('main.channel').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(column.x + column.width);
    expect(box.x + box.width).toBeLessThanOrEqual(800);
    // Nothing covers it: the point at its centre is the button itself.
    expect(
      await page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('button')?.textContent`),
    ).toBe('Send');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
