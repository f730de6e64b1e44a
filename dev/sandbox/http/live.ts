import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Tells open pages that something changed (Server-Sent Events), so they fetch the new state at
 * once instead of polling. Changes come in bursts (a card update is several Web API calls);
 * they are coalesced into one notice per `coalesceMs`.
 */
export class LiveUpdates {
  readonly #clients = new Set<ServerResponse>();
  #version = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly coalesceMs = 60) {}

  get version(): number {
    return this.#version;
  }

  changed(): void {
    this.#version += 1;
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      for (const res of this.#clients) res.write(`event: change\ndata: ${this.#version}\n\n`);
    }, this.coalesceMs);
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // Browsers reconnect by themselves after an error; ask for a quick retry after a restart.
    res.write(`retry: 1000\nevent: change\ndata: ${this.#version}\n\n`);
    this.#clients.add(res);
    req.on('close', () => this.#clients.delete(res));
  }

  /** Ends every stream: an open page must not keep the server from shutting down. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}
