import { loadConfig, type Config } from '../../app/config.js';

export const TEST_SECRETS = {
  INGEST_SECRET: 'test-ingest-secret-0123456789',
  SLACK_BOT_TOKEN: 'xoxb-test-bot-token-abcdef',
  SLACK_SIGNING_SECRET: 'test-slack-signing-secret-abc',
};

/** A validated config built like production's, from an env map and an optional config file. */
export function makeConfig(env: Record<string, string | undefined> = {}, file: unknown = {}): Config {
  return loadConfig({
    env: { DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', KLAXON_CONFIG: 'test.config.json', ...env },
    readFile: () => JSON.stringify(file),
    fileExists: () => true,
  });
}
