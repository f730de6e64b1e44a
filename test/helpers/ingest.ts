import { signedHeaders } from '../../adapters/webhook/signature.js';

export interface MentionFixture {
  id: string;
  source?: string;
  direction?: 'inbound' | 'outbound';
  author?: { id?: string; handle?: string; name?: string; followers?: number; verified?: boolean };
  text: string;
  url?: string;
  createdAt?: string;
  inReplyTo?: string;
  conversationId?: string;
  private?: boolean;
}

/** A typed mention builder with sensible defaults. */
export function mention(overrides: Partial<MentionFixture> & { id: string }): MentionFixture {
  return {
    source: 'twitter',
    author: { id: `a-${overrides.id}`, handle: `user${overrides.id}`, name: 'A Customer', followers: 120 },
    text: 'My order never arrived and nobody answers, this is ridiculous',
    createdAt: '2026-11-23T10:00:00Z',
    ...overrides,
  };
}

/** POSTs a signed body to /ingest. */
export async function postIngest(
  baseUrl: string,
  body: unknown,
  secret?: string,
  now = new Date(),
): Promise<{ status: number; json: any }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(secret ? signedHeaders(secret, raw, now) : {}) };
  const res = await fetch(`${baseUrl}/ingest`, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}
