import OpenAI from 'openai';
import { TriageModelError, type TriageModel } from '../../src/ports.js';
import type { TriageAnswer } from '../../src/domain/triage.js';
import { TRIAGE_ANSWER_JSON_SCHEMA, TRIAGE_INSTRUCTIONS, triageAnswerSchema } from '../../src/triage/answer.js';
import type { LlmSettings } from '../../src/triage/config.js';

/** The longest customer text sent (characters): a long e-mail's start says what it is about. */
const MAX_TEXT = 4000;

export interface OpenAiTriageOptions extends Pick<LlmSettings, 'baseUrl' | 'model' | 'apiKey' | 'timeoutMs'> {
  /** A fetch to use instead of the global one (tests). */
  fetch?: typeof fetch;
}

/**
 * AI triage through any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's v1
 * API, Ollama, vLLM…) with the official `openai` client. Structured output: the request carries
 * the answer's JSON schema (response_format json_schema, strict), and the reply is parsed and
 * checked with zod all the same — a server that ignores the schema gets `malformed`, never trust.
 *
 * Everything that could come from the environment is set explicitly (base URL, key, no
 * organisation or project, logging off: the client must never log a request, which holds the
 * customer's text), and there are no retries: one attempt within `timeoutMs`, then the case keeps
 * its local score.
 */
export function createOpenAiTriageModel(options: OpenAiTriageOptions): TriageModel {
  const client = new OpenAI({
    // A local server (Ollama, vLLM) may need no key; the client insists on one, so send a placeholder.
    apiKey: options.apiKey ?? 'no-key',
    baseURL: options.baseUrl,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    model: options.model,
    async triage(text: string, { signal }: { signal?: AbortSignal } = {}): Promise<TriageAnswer> {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: TRIAGE_INSTRUCTIONS },
              { role: 'user', content: text.slice(0, MAX_TEXT) },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'triage', strict: true, schema: TRIAGE_ANSWER_JSON_SCHEMA as unknown as Record<string, unknown> },
            },
          },
          signal ? { signal } : {},
        );
      } catch (error) {
        throw asTriageError(error);
      }
      const message = completion.choices?.[0]?.message;
      if (!message) throw new TriageModelError('malformed', 'the answer has no message');
      if (message.refusal) throw new TriageModelError('error', 'the model refused to answer');
      let json: unknown;
      try {
        json = JSON.parse(message.content ?? '');
      } catch (error) {
        throw new TriageModelError('malformed', 'the answer is not JSON', { cause: error });
      }
      const parsed = triageAnswerSchema.safeParse(json);
      // The issues name the fields that are wrong, never their values.
      if (!parsed.success)
        throw new TriageModelError(
          'malformed',
          `the answer does not match the schema: ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`,
        );
      return parsed.data;
    },
  };
}

/** The client's errors as triage failures; messages keep the status, never a body (it may quote the text). */
function asTriageError(error: unknown): TriageModelError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new TriageModelError('timeout', 'the model did not answer in time');
  if (error instanceof OpenAI.APIUserAbortError) return new TriageModelError('error', 'the request was cancelled');
  if (error instanceof OpenAI.APIConnectionError) return new TriageModelError('error', 'the model endpoint could not be reached');
  if (error instanceof OpenAI.APIError) return new TriageModelError('error', `the model endpoint answered HTTP ${error.status ?? '?'}`);
  return new TriageModelError('error', 'the model call failed');
}
