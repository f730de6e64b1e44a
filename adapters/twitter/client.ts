import { Agent } from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import { RedirectAgent } from './redirect-agent.js';

export interface XCredentials {
  /** App-only token: reads (mentions timeline, filtered stream, user lookups). */
  bearerToken: string;
  /** OAuth 1.0a user context of the brand account: replies and DMs. */
  userContext?: { appKey: string; appSecret: string; accessToken: string; accessSecret: string } | null;
  /** `TWITTER_API_URL`: another base URL for every call (tests, proxies). */
  apiUrl?: string | null;
  /** A call with no answer for this long fails (and is retried), instead of hanging the poller. */
  requestTimeoutMs?: number;
}

export interface XClients {
  /** Read calls, with the app's bearer token. */
  app: TwitterApi;
  /** The filtered stream, with the app's token, on connections of its own. */
  stream: TwitterApi;
  /** Write calls as the brand account; null without user-context credentials. */
  user: TwitterApi | null;
  /** Cuts the stream's connection, even one still waiting for X's first answer. */
  cutStream(): void;
  /** Closes every connection, ending calls in flight (stop). */
  close(): void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** twitter-api-v2 takes a timeout per request but none per client; this plugin sets one on every request. */
function timeoutPlugin(ms: number): ITwitterApiClientPlugin {
  return {
    onBeforeRequest({ requestOptions }) {
      requestOptions.timeout ??= ms;
    },
  };
}

/**
 * The X clients. Each has its own HTTPS agent so the stream's connection can be cut without
 * touching a reply in flight, and every agent dials TWITTER_API_URL when it is set.
 */
export function createXClients(credentials: XCredentials): XClients {
  const target = credentials.apiUrl ? new URL(credentials.apiUrl) : null;
  const agent = () => (target ? new RedirectAgent(target) : new Agent({ keepAlive: true }));
  const agents = { app: agent(), stream: agent(), user: agent() };
  const plugins = [timeoutPlugin(credentials.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)];
  const app = new TwitterApi(credentials.bearerToken, { httpAgent: agents.app, plugins });
  const stream = new TwitterApi(credentials.bearerToken, { httpAgent: agents.stream });
  const user = credentials.userContext ? new TwitterApi({ ...credentials.userContext }, { httpAgent: agents.user, plugins }) : null;
  return {
    app,
    stream,
    user,
    cutStream: () => agents.stream.destroy(),
    close: () => {
      for (const a of Object.values(agents)) a.destroy();
    },
  };
}
