import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index.js';

/**
 * The database type the core works with: drizzle's synchronous query builder over our schema.
 * The core imports this type only; opening the driver is `db/client.ts`'s job.
 */
export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle has the same query API. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
