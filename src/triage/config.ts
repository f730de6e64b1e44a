import { z } from 'zod';

/**
 * Optional AI triage (config `llm`, docs/CONTRACT.md §9): any OpenAI-compatible chat-completions endpoint
 * (OpenAI, Azure OpenAI, a local Ollama or vLLM) gives a second opinion on each new case. Off
 * unless the section is set. The key is never in the file: `apiKeyEnv` names the environment
 * variable that holds it (none for a local server that needs no key).
 */
export const llmConfigSchema = z.object({
  /** The API's base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: z
    .url({ message: 'must be an absolute http(s) URL, e.g. https://api.openai.com/v1' })
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
  /** The model (or Azure deployment) name. */
  model: z.string().min(1, 'must name a model, e.g. gpt-4o-mini').max(200),
  /** Name of the environment variable holding the API key, e.g. OPENAI_API_KEY. */
  apiKeyEnv: z
    .string()
    .regex(
      /^[A-Z_][A-Z0-9_]{0,127}$/,
      'must be an environment variable name such as OPENAI_API_KEY (the key itself never goes in the file)',
    )
    .optional(),
  /** A request taking longer is abandoned and the case keeps its local score. */
  timeoutMs: z.number().int().min(100).max(60_000).default(3000),
  /** Budget: at most this many requests per minute; beyond it cases keep their local score. */
  perMinute: z.number().int().min(1).max(100_000).default(60),
});

export type LlmConfig = z.infer<typeof llmConfigSchema>;

/** The `llm` section with its key resolved from the environment (what the adapter needs). */
export interface LlmSettings extends LlmConfig {
  /** The key's value, or null when no `apiKeyEnv` is set. A secret: never logged. */
  apiKey: string | null;
}
