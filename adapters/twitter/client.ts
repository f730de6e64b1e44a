import { TwitterApi } from 'twitter-api-v2';
import { RedirectAgent } from './redirect-agent.js';

export interface XCredentials {
  /** App-only token: reads (mentions timeline, filtered stream, user lookups). */
  bearerToken: string;
  /** OAuth 1.0a user context of the brand account: replies and DMs. */
  userContext?: { appKey: string; appSecret: string; accessToken: string; accessSecret: string } | null;
  /** `TWITTER_API_URL`: another base URL for every call (tests, proxies). */
  apiUrl?: string | null;
}

export interface XClients {
  /** Read calls, with the app's bearer token. */
  app: TwitterApi;
  /** Write calls as the brand account; null without user-context credentials. */
  user: TwitterApi | null;
  /** Closes pooled keep-alive sockets (stop, tests). */
  close(): void;
}

export function createXClients(credentials: XCredentials): XClients {
  const agent = credentials.apiUrl ? new RedirectAgent(new URL(credentials.apiUrl)) : undefined;
  const settings = agent ? { httpAgent: agent } : {};
  const app = new TwitterApi(credentials.bearerToken, settings);
  const user = credentials.userContext ? new TwitterApi({ ...credentials.userContext }, settings) : null;
  return {
    app,
    user,
    close: () => agent?.destroy(),
  };
}
