export * as schema from './schema/index.js';
export type { Db, Tx, DbOrTx } from './types.js';
export { transaction } from './transaction.js';
