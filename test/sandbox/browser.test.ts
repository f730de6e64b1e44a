import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxApp, type SandboxApp } from './setup.js';

/**
 * The sandbox in a real browser: Debian's Chromium (`apt-get install chromium`, done by
 * `.ci/run`), driven headless by playwright-core. Playwright's own browser download cannot work
 * without internet, so a missing /usr/bin/chromium is a failure with instructions, never a
 * silent skip. `KLAXON_SKIP_BROWSER=1` skips it on purpose (a machine without Chromium).
 */
const CHROMIUM = '/usr/bin/chromium';
// Flags that work on these machines (see STACK.md): no sandbox (root in CI), no GPU, and no
// background networking, which this closed network would refuse anyway.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const skip = process.env.KLAXON_SKIP_BROWSER === '1';

describe.skipIf(skip)('the sandbox page in headless Chromium', () => {
  let app: SandboxApp;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's browser with "apt-get update && apt-get install -y chromium" (.ci/run does), or set KLAXON_SKIP_BROWSER=1 to skip the browser test`);
    }
    app = await startSandboxApp();
    profile = mkdtempSync(join(tmpdir(), 'klaxon-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 900 } });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(8000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
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

  it('Reply in a modal with a live preview; the privacy guard pushes a second view; "Send as DM instead" reaches the customer', async () => {
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
    const render = `async (texts) => {
      const m = await import('/sandbox/assets/mrkdwn.js');
      const ctx = { userName: (id) => (id === 'UAGENTALEX' ? 'Alex Rivera' : id), channelName: () => 'billing-team', groupName: () => 'on-call' };
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
    expect(html[7]).toBe('delivered: <a href="https://example.com/p?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">https://example.com/p?a=1&amp;b=2</a>, thanks');
  });
});
