import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { deleteKvOlderThan, readKv, writeKv } from '../../src/kv-state.js';
import type { CursorStore } from './types.js';

/**
 * A source's durable cursors in `kv_state`, each key prefixed with the source id so two sources
 * can never read each other's position. The PostgreSQL change swaps this implementation only.
 */
export function kvCursorStore(db: Db, source: string, clock: Clock): CursorStore {
  const prefix = `${source}:`;
  return {
    async get(key) {
      return readKv(db, prefix + key);
    },
    async set(key, value) {
      writeKv(db, prefix + key, value, clock.now());
    },
    async prune(keyPrefix, before, limit) {
      return deleteKvOlderThan(db, prefix + keyPrefix, before, limit);
    },
  };
}
