import { RichText, type AppBskyRichtextFacet } from '@atproto/api';

export type Facet = AppBskyRichtextFacet.Main;

/** Looks a handle up (`acme.bsky.social` → `did:plc:…`); null when it does not resolve. */
export type HandleResolver = (handle: string) => Promise<string | null>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The facets Bluesky needs to show a post's mentions, links and hashtags as such: the text is only
 * text, and every link or mention is a facet over a range of its UTF-8 bytes. Detection is the
 * atproto library's own (the rules the Bluesky app applies); a mention whose handle does not
 * resolve to a DID stays plain text, as in the app. Every facet is checked against the bytes
 * it claims before it is kept, so a wrong offset can never mislabel the text around it.
 */
export async function buildFacets(text: string, resolve: HandleResolver): Promise<Facet[]> {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const bytes = encoder.encode(text);
  const out: Facet[] = [];
  for (const facet of rt.facets ?? []) {
    const { byteStart, byteEnd } = facet.index;
    if (!(Number.isInteger(byteStart) && Number.isInteger(byteEnd) && byteStart >= 0 && byteStart < byteEnd && byteEnd <= bytes.length))
      continue;
    const covered = decoder.decode(bytes.subarray(byteStart, byteEnd));
    const features: Facet['features'] = [];
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#mention') {
        // Until resolved, the library holds the handle where the DID belongs.
        const handle = (feature as AppBskyRichtextFacet.Mention).did.toLowerCase();
        if (covered.toLowerCase() !== `@${handle}`) continue;
        const did = await resolve(handle);
        if (did) features.push({ $type: 'app.bsky.richtext.facet#mention', did });
      } else if (feature.$type === 'app.bsky.richtext.facet#link') {
        const uri = (feature as AppBskyRichtextFacet.Link).uri;
        if (isHttpUrl(uri) && uri.endsWith(covered.replace(/^https?:\/\//i, '')))
          features.push({ $type: 'app.bsky.richtext.facet#link', uri });
      } else if (feature.$type === 'app.bsky.richtext.facet#tag') {
        const tag = (feature as AppBskyRichtextFacet.Tag).tag;
        if (covered.length > 1 && covered.slice(1).startsWith(tag.replace(/^\$/, '')))
          features.push({ $type: 'app.bsky.richtext.facet#tag', tag });
      }
    }
    if (features.length > 0) out.push({ $type: 'app.bsky.richtext.facet', index: { byteStart, byteEnd }, features });
  }
  return withoutOverlaps(out);
}

function isHttpUrl(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Facets in byte order, none overlapping another (the app would render an overlap unpredictably). */
function withoutOverlaps(facets: Facet[]): Facet[] {
  const sorted = [...facets].sort((a, b) => a.index.byteStart - b.index.byteStart || b.index.byteEnd - a.index.byteEnd);
  const kept: Facet[] = [];
  let end = 0;
  for (const facet of sorted) {
    if (facet.index.byteStart < end) continue;
    kept.push(facet);
    end = facet.index.byteEnd;
  }
  return kept;
}
