import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where a database stands against this version's committed migrations (the same on both engines). */
export interface MigrationLevel {
  /** Tag of the newest migration recorded in the database (`0009_report_days_invalidation`); null when none is. */
  level: string | null;
  /** How many migrations the database has recorded. */
  applied: number;
  /** Tags this version would still apply, oldest first. */
  pending: string[];
  /** True when the database recorded a migration newer than any this version knows (a newer Klaxon migrated it). */
  ahead: boolean;
}

export interface JournalEntry {
  when: number;
  tag: string;
}

/** drizzle-kit's journal of a migrations folder: every committed migration, oldest first. */
export function readJournal(folder: string): JournalEntry[] {
  return (JSON.parse(readFileSync(resolve(folder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
}

/**
 * The level from what the database recorded (how many, and the newest one's timestamp, as drizzle's
 * migrators write them), judged by drizzle's own rule: what is newer than the newest recorded is pending.
 */
export function levelOf(journal: readonly JournalEntry[], applied: number, last: number | null): MigrationLevel {
  if (last === null) return { level: null, applied, pending: journal.map((e) => e.tag), ahead: false };
  const newest = journal.at(-1);
  return {
    level: journal.find((e) => e.when === last)?.tag ?? null,
    applied,
    pending: journal.filter((e) => last < e.when).map((e) => e.tag),
    ahead: newest !== undefined && last > newest.when,
  };
}
