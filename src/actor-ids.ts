import { PLATFORM_IDS, type PlatformId } from './ports.js';

/**
 * Splits an opaque actor id (`slack:U123`, `teams:29:abc`) into the chat platform it belongs to
 * and that platform's own id, so the core can address a person on their platform without
 * parsing the platform's id format. Null for system actors and unknown platforms.
 */
export function splitActorId(actorId: string | null | undefined): { platform: PlatformId; id: string } | null {
  if (!actorId) return null;
  const colon = actorId.indexOf(':');
  if (colon <= 0 || colon === actorId.length - 1) return null;
  const platform = actorId.slice(0, colon);
  if (!(PLATFORM_IDS as readonly string[]).includes(platform)) return null;
  return { platform: platform as PlatformId, id: actorId.slice(colon + 1) };
}
