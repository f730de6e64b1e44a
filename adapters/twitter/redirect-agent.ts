import type { ClientRequest } from 'node:http';
import { Agent, type AgentOptions } from 'node:https';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

/**
 * twitter-api-v2 always builds `https://api.x.com/...` and has no base-URL option, but it sends
 * every request (streams included) through the HTTPS agent it is given. This agent dials
 * `TWITTER_API_URL` instead: plain TCP for an `http:` target (a loopback fake in tests), TLS for
 * an `https:` one (a proxy). A path in the URL is put in front of every request path.
 */
export class RedirectAgent extends Agent {
  readonly #target: URL;
  readonly #prefix: string;

  constructor(target: URL, options: AgentOptions = {}) {
    super({ keepAlive: true, ...options });
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new Error(`TWITTER_API_URL must be an http(s) URL, got ${target.protocol}`);
    this.#target = target;
    this.#prefix = target.pathname.replace(/\/+$/, '');
  }

  get #port(): number {
    return Number(this.#target.port) || (this.#target.protocol === 'https:' ? 443 : 80);
  }

  override createConnection(): Duplex {
    const host = this.#target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (this.#target.protocol === 'http:') return netConnect({ host, port: this.#port });
    return tlsConnect({ host, port: this.#port, servername: host, ALPNProtocols: ['http/1.1'] });
  }

  /** Rewrites the request line and Host header before the request is written to the socket. */
  addRequest(req: ClientRequest, options: unknown): void {
    if (this.#prefix) req.path = `${this.#prefix}${req.path}`;
    req.setHeader('host', this.#target.host);
    // addRequest is Node's internal hook (not in @types/node): the only place every request,
    // streaming or not, passes through after its path is known and before its headers are sent.
    (Agent.prototype as unknown as { addRequest(req: ClientRequest, options: unknown): void }).addRequest.call(this, req, options);
  }
}
