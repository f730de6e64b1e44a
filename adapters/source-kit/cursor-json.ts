import type { CursorStore } from './types.js';

/** A JSON record kept in a source's cursor store; null when absent or unreadable (never throws). */
export async function readJson<T>(cursors: CursorStore, key: string): Promise<T | null> {
  const raw = await cursors.get(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
