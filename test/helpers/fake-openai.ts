import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one chat-completions request. */
export type FakeBehaviour =
  | { kind: 'answer'; json: unknown }
  /** Raw assistant content (for answers that are not JSON). */
  | { kind: 'content'; content: string }
  | { kind: 'refusal' }
  | { kind: 'status'; status: number }
  /** Never answers (the client's own timeout must end it). */
  | { kind: 'hang' }
  /** Answers `json` once `release()` is called. */
  | { kind: 'gate'; json: unknown };

export interface ChatRequest {
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format: {
      type: string;
      json_schema: {
        name: string;
        strict: boolean;
        schema: { required: string[]; additionalProperties: boolean; properties: Record<string, { enum?: string[] }> };
      };
    };
  };
}

/**
 * A loopback OpenAI-compatible chat-completions endpoint that refuses what the real one
 * refuses: a wrong or missing key (401), another path (404), a body that is not JSON or lacks a
 * model and messages (400), and — as OpenAI does for structured output — a response_format that
 * is not a strict json_schema whose properties are all required and closed (400). It records
 * every request it accepts.
 */
export async function startFakeOpenAi(options: { key?: string; behave: (request: ChatRequest, n: number) => FakeBehaviour }) {
  const requests: ChatRequest[] = [];
  const waiting: (() => void)[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const error = (res: ServerResponse, status: number, message: string, type: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return error(res, 404, 'Not found', 'invalid_request_error');
      const auth = req.headers.authorization;
      if (options.key !== undefined && auth !== `Bearer ${options.key}`)
        return error(res, 401, 'Incorrect API key provided.', 'invalid_request_error');
      let body: ChatRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest['body'];
      } catch {
        return error(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
      }
      if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0)
        return error(res, 400, "Missing required parameter: 'model' or 'messages'.", 'invalid_request_error');
      const format = body.response_format;
      const schema = format?.json_schema?.schema;
      if (
        format?.type !== 'json_schema' ||
        format.json_schema.strict !== true ||
        schema?.additionalProperties !== false ||
        !Array.isArray(schema.required)
      ) {
        return error(
          res,
          400,
          'Invalid schema for response_format: strict json_schema required with additionalProperties false.',
          'invalid_request_error',
        );
      }
      const request = { authorization: auth, body };
      requests.push(request);
      const behaviour = options.behave(request, requests.length);
      const send = (content: string | null, refusal: string | null = null) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            created: 1_764_000_000,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: 'stop' }],
            usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
          }),
        );
      };
      switch (behaviour.kind) {
        case 'answer':
          return send(JSON.stringify(behaviour.json));
        case 'content':
          return send(behaviour.content);
        case 'refusal':
          return send(null, "I'm sorry, I can't help with that.");
        case 'status':
          return error(res, behaviour.status, 'The server had an error while processing your request.', 'server_error');
        case 'hang':
          return;
        case 'gate':
          waiting.push(() => send(JSON.stringify(behaviour.json)));
          return;
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Answers every gated request. */
    release(): void {
      for (const answer of waiting.splice(0)) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
