import type { DbHandle } from '../../db/client.js';

/**
 * Makes the real core fail to store any mention whose text contains `marker` (a SQLite trigger
 * aborts its insert), as a disk or constraint problem with one item would: the ingest reports it
 * in `failed` and stores the rest. Returns a function that lifts the fault.
 */
export function refuseMentionsContaining(handle: DbHandle, marker: string): () => void {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) throw new Error('the marker must be a plain word');
  const name = `refuse_${marker.replace(/-/g, '_')}`;
  handle.exec(
    `CREATE TEMP TRIGGER ${name} BEFORE INSERT ON mentions WHEN instr(NEW.text, '${marker}') > 0 ` +
      `BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;`,
  );
  return () => handle.exec(`DROP TRIGGER IF EXISTS temp.${name};`);
}
