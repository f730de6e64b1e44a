import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index.js';

/**
 * The database type the core works with: drizzle's query builder over our schema.
 * The core imports this type only; opening the driver is `db/client.ts`'s job.
 */
export type Db = BetterSQLite3Database<typeof schema>;

declare const inTransaction: unique symbol;
/**
 * A database handle inside `transaction(db, async (tx) => …)` (db/transaction.ts): the same query
 * API, marked so that a function that must run in a transaction says so in its signature and a
 * plain `Db` cannot be passed to it by mistake.
 */
export type Tx = Db & { readonly [inTransaction]: true };
export type DbOrTx = Db | Tx;
