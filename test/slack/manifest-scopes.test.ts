import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Slack manifest asks for exactly the scopes the code needs: derived here from every Web API
 * method the Slack adapter calls, every event it listens to and every command it registers.
 * A new call without its scope, or a scope nothing uses, fails this test.
 */

/** The bot scopes each Web API method needs (docs.slack.dev, each method's "Required scopes"). */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.getPermalink': [],
  // Cards, notices and hand-off targets live in public and private channels alike.
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  'conversations.open': ['im:write'],
  'files.uploadV2': ['files:write'],
  // People are named, never shown as ids (their real name from their profile).
  'users.info': ['users:read'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
};

/** The bot scopes each event subscription needs. */
const EVENT_SCOPES: Record<string, readonly string[]> = {
  app_home_opened: [],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  message_metadata_posted: ['metadata.message:read'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const code = sourceFiles('adapters/slack')
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
  features: { slash_commands: { command: string }[] };
};

/** `client.chat.postMessage(`, `this.client.files.uploadV2(`, `client.apiCall('…')`. */
function methodsCalled(): string[] {
  const calls = [...code.matchAll(/[cC]lient\.(\w+)\.(\w+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`);
  const raw = [...code.matchAll(/apiCall\(\s*['"`]([\w.]+)['"`]/g)].map((m) => m[1]!);
  return [...new Set([...calls, ...raw])].sort();
}

/** `app.event('…')` names, and the message events behind `app.message(…)` (thread notes in public and private channels). */
function eventsHandled(): string[] {
  const events = [...code.matchAll(/app\.event\(\s*['"`]([\w.]+)['"`]/g)].map((m) => m[1]!);
  if (/app\.message\(/.test(code)) events.push('message.channels', 'message.groups');
  return [...new Set(events)].sort();
}

const commands = () => [...new Set([...code.matchAll(/app\.command\(\s*['"`](\/[\w-]+)['"`]/g)].map((m) => m[1]!))].sort();

describe('manifest.json asks for exactly the scopes the code uses', () => {
  it('knows the scopes of every method the Slack adapter calls', () => {
    const unknown = methodsCalled().filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'add these methods and their scopes to METHOD_SCOPES').toEqual([]);
    expect(methodsCalled()).toEqual(
      expect.arrayContaining(['chat.postMessage', 'conversations.join', 'conversations.history', 'files.uploadV2', 'views.open']),
    );
  });

  it('subscribes to exactly the events the app handles and registers exactly its commands', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(eventsHandled());
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(commands());
  });

  it('requests the scopes derived from methods, events and commands — no more, no fewer', () => {
    const needed = new Set<string>();
    for (const method of methodsCalled()) for (const scope of METHOD_SCOPES[method] ?? []) needed.add(scope);
    for (const event of eventsHandled()) for (const scope of EVENT_SCOPES[event] ?? [`unknown event ${event}`]) needed.add(scope);
    if (commands().length > 0) needed.add('commands');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    // Nothing reads user groups, and no metadata event is subscribed.
    expect(manifest.oauth_config.scopes.bot.filter((s) => /^usergroups:|^metadata\.message:read$/.test(s))).toEqual([]);
  });
});
