import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { readKv, writeKv } from '../../src/kv-state.js';
import type { CursorStore } from './types.js';

/**
 * A CursorStore over kv_state, every key prefixed with the source id (`email:…`), so sources
 * never collide. The PostgreSQL change swaps this implementation; callers already await it.
 */
export function kvCursors(db: Db, clock: Clock, source: string): CursorStore {
  const prefix = `${source}:`;
  return {
    async get(key) {
      return readKv(db, prefix + key);
    },
    async set(key, value) {
      writeKv(db, prefix + key, value, clock.now());
    },
  };
}
