import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.js';

function problemsOf(env: Record<string, string>, file: unknown = {}): string[] {
  try {
    loadConfig({ env, readFile: () => JSON.stringify(file), fileExists: () => file !== undefined });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('settings and config file', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const config = loadConfig({ env: {}, fileExists: () => false });
    expect(config.env.PORT).toBe(3000);
    expect(config.env.DATABASE_URL).toBe('./data/klaxon.db');
    expect(config.env.TWITTER_MODE).toBe('poll');
    expect(config.configSource).toBe('built-in defaults');
    expect(config.file.sla.policies.P1.firstResponseMinutes).toBe(15);
    expect(config.file.permissions.agents).toEqual([]);
  });

  it('names every bad variable on its own line', () => {
    const problems = problemsOf({ PORT: 'eighty', TWITTER_MODE: 'firehose', SLACK_BOT_TOKEN: 'nope', SLACK_API_URL: 'not a url' });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/port number/);
    expect(problems.find((p) => p.startsWith('TWITTER_MODE'))).toMatch(/"stream" or "poll"/);
    expect(problems.find((p) => p.startsWith('SLACK_BOT_TOKEN'))).toMatch(/xoxb-/);
    expect(problems.find((p) => p.startsWith('SLACK_API_URL'))).toMatch(/absolute URL/);
  });

  it('requires credentials in pairs', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', TRIAGE_CHANNEL: 'C1' })).toEqual([
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set',
    ]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual([
      expect.stringMatching(/^TRIAGE_CHANNEL is required when Slack is configured/),
    ]);
    expect(problemsOf({ TWITTER_APP_KEY: 'k' })).toHaveLength(3);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ env: { SLACK_APP_TOKEN: '', PORT: ' ' }, fileExists: () => false });
    expect(config.env.SLACK_APP_TOKEN).toBeUndefined();
    expect(config.env.PORT).toBe(3000);
  });

  it('names the config path of a bad config-file value', () => {
    const problems = problemsOf(
      { KLAXON_CONFIG: 'k.json' },
      { vips: ['not a handle!'], routing: [{ match: { priorities: ['P9'] }, slack: 'C1' }], scoring: {}, digest: { time: '25:00' } },
    );
    expect(problems.some((p) => p.startsWith('config k.json: vips.0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('config k.json: routing.0.match.priorities.0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('config k.json: digest.time') && p.includes('HH:MM'))).toBe(true);
  });

  it('says when the config file cannot be read', () => {
    const problems = (() => {
      try {
        loadConfig({
          env: { KLAXON_CONFIG: 'missing.json' },
          readFile: () => {
            throw Object.assign(new Error('nope'), { code: 'ENOENT' });
          },
        });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual(['KLAXON_CONFIG (missing.json) cannot be read: file not found']);
  });

  it('lets env channels override the config file and normalises handles', () => {
    const config = loadConfig({
      env: { KLAXON_CONFIG: 'k.json', TRIAGE_CHANNEL: 'C0ENV' },
      readFile: () => JSON.stringify({ channels: { triage: 'C0FILE', escalation: 'C0ESC' }, vips: ['@Jane_Doe'] }),
    });
    expect(config.channels).toEqual({ triage: 'C0ENV', escalation: 'C0ESC', digest: undefined });
    expect(config.file.vips).toEqual(['jane_doe']);
  });
});

describe('harm and cards settings', () => {
  it('defaults every harm category to its CONTRACT floor, crisis escalating with a guidance note', () => {
    const config = loadConfig({ env: {}, fileExists: () => false });
    expect(config.file.harm.crisis).toMatchObject({ floor: 'P1', escalate: true });
    expect(config.file.harm.crisis.guidance).toBeTruthy();
    expect(config.file.harm.fraud).toEqual({ floor: 'P2', escalate: false, guidance: null });
    expect(config.file.harm.press.floor).toBe('P2');
    expect(config.file.cards.minPriority).toBe('P4');
  });

  it('takes a bare priority as the floor, or a full policy; an empty guidance removes the default', () => {
    const config = loadConfig({
      env: { KLAXON_CONFIG: 'k.json' },
      readFile: () =>
        JSON.stringify({
          harm: { press: 'P1', crisis: { guidance: '' }, legal: { floor: 'P3', escalate: true, guidance: 'Loop in counsel.' } },
          cards: { minPriority: 'P3' },
        }),
    });
    expect(config.file.harm.press).toEqual({ floor: 'P1', escalate: false, guidance: null });
    expect(config.file.harm.crisis).toEqual({ floor: 'P1', escalate: true, guidance: null });
    expect(config.file.harm.legal).toEqual({ floor: 'P3', escalate: true, guidance: 'Loop in counsel.' });
    expect(config.file.cards.minPriority).toBe('P3');
  });

  it('refuses unknown harm ids (naming the one meant), bad floors and unknown cards keys', () => {
    const problems = problemsOf(
      { KLAXON_CONFIG: 'k.json' },
      { harm: { fraudd: 'P1', safety: 'P0', crisis: { floor: 'P1', notify: true } }, cards: { minPriority: 'P5', hide: true } },
    );
    expect(problems).toContain('config k.json: harm.fraudd is not a known setting; did you mean `fraud`?');
    expect(problems).toContain('config k.json: harm.safety.floor must be one of P1, P2, P3, P4');
    expect(problems).toContain('config k.json: harm.crisis.notify is not a known setting');
    expect(problems).toContain('config k.json: cards.minPriority must be one of P1, P2, P3, P4');
    expect(problems.some((p) => p.startsWith('config k.json: cards.hide is not a known setting'))).toBe(true);
  });
});

describe('the example config file', () => {
  it('is valid', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../klaxon.config.example.json', import.meta.url), 'utf8');
    const config = loadConfig({
      env: { KLAXON_CONFIG: 'klaxon.config.example.json', INGEST_SECRET: 'an-example-secret-value' },
      readFile: () => text,
    });
    expect(config.file.routing).toHaveLength(3);
    expect(config.file.routing[2]?.match.sources).toEqual(['email']);
    expect(config.file.sla.policies.P3.calendar).toBe('office');
  });
});
