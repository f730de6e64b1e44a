import type { FakeFacet, PostRecordJson } from './store.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Bluesky's own counting, written independently of the adapter's (the fake must not share its bugs). */
export function graphemes(text: string): number {
  return [...segmenter.segment(text)].length;
}

export type Refusal = { status: number; error: string; message: string };

const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): Refusal {
  return { status: 400, error: 'InvalidRequest', message: `Invalid app.bsky.feed.post record: ${message}` };
}

/** What the PDS checks of an app.bsky.feed.post record before it accepts it (lexicon rules). */
export function postRecordProblem(record: unknown): Refusal | null {
  if (!record || typeof record !== 'object') return invalid('Record must be an object');
  const r = record as Partial<PostRecordJson>;
  if (typeof r.text !== 'string') return invalid('Record/text must be a string');
  if (graphemes(r.text) > 300) return invalid('Record/text must not be longer than 300 graphemes');
  const bytes = Buffer.byteLength(r.text, 'utf8');
  if (bytes > 3000) return invalid('Record/text must not be longer than 3000 characters');
  if (typeof r.createdAt !== 'string' || !DATETIME.test(r.createdAt) || Number.isNaN(Date.parse(r.createdAt)))
    return invalid('Record/createdAt must be an valid atproto datetime');
  for (const [i, facet] of (r.facets ?? []).entries()) {
    const problem = facetProblem(facet, bytes);
    if (problem) return invalid(`Record/facets/${i}/${problem}`);
  }
  return null;
}

function facetProblem(facet: FakeFacet, textBytes: number): string | null {
  const { byteStart, byteEnd } = facet.index ?? {};
  if (!Number.isInteger(byteStart) || !Number.isInteger(byteEnd) || byteStart < 0 || byteEnd < 0)
    return 'index must hold non-negative integers';
  // Bluesky accepts and then ignores slices past the text; Klaxon must never send one.
  if (byteStart >= byteEnd || byteEnd > textBytes) return 'index is outside the text';
  if (!Array.isArray(facet.features) || facet.features.length === 0) return 'features must not be empty';
  for (const f of facet.features) {
    if (f.$type === 'app.bsky.richtext.facet#mention' && !(typeof f.did === 'string' && DID.test(f.did)))
      return 'features/did must be a valid did';
    if (f.$type === 'app.bsky.richtext.facet#link') {
      try {
        new URL(f.uri ?? '');
      } catch {
        return 'features/uri must be a valid uri';
      }
    }
  }
  return null;
}

/** Mention facets for the @handles of known accounts in a text, as the Bluesky app writes them. */
export function mentionFacets(text: string, didOf: (handle: string) => string | undefined): FakeFacet[] {
  const facets: FakeFacet[] = [];
  for (const match of text.matchAll(/(^|[\s(])@([a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9])/g)) {
    const did = didOf(match[2]!);
    if (!did) continue;
    const start = match.index + match[1]!.length;
    const byteStart = Buffer.byteLength(text.slice(0, start), 'utf8');
    const byteEnd = byteStart + Buffer.byteLength(`@${match[2]}`, 'utf8');
    facets.push({ index: { byteStart, byteEnd }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
  }
  return facets;
}
