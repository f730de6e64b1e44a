import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './types.js';

/**
 * Transactions whose bodies may await: the shape every engine can give (a PostgreSQL client
 * awaits each statement), so verbs and jobs are written once, `await transaction(db, async (tx) =>
 * …)`, and the engine is a detail of this file.
 *
 * SQLite (better-sqlite3) has one connection and synchronous statements. While a body is between
 * two awaits, other work of the process runs, and on the one connection its statements would land
 * inside the open transaction. So transactions on one database take turns (a queue per `Db`); a
 * body only awaits its own statements (network calls stay outside transactions: the outbox), so a
 * turn is short. `BEGIN IMMEDIATE` takes the write lock at once, so another process on the same
 * file waits at the start (busy_timeout) instead of failing at its first write.
 *
 * A transaction opened inside a body (the same async flow) becomes a savepoint of the open one, as
 * better-sqlite3's own nested transactions do: it rolls back alone when it throws.
 *
 * A single statement outside any transaction (a cursor, a dedupe key, an outbox state change) is
 * atomic on its own. On SQLite such a statement, run by another flow while a body is between two
 * awaits, lands inside that body's transaction; since bodies await only their own statements,
 * which SQLite answers at once, that window is the microtasks of one turn of the event loop, and
 * the writes that matter most (outbox state, card versions, audit rows) take their turn here too.
 */

interface Open {
  db: Db;
  depth: number;
  /** Set at commit or rollback: a flow the body started and left running must not use it after. */
  finished: boolean;
}

const openTransaction = new AsyncLocalStorage<Open>();
/** The end of each database's queue of transactions: the next one starts when it settles. */
const queues = new WeakMap<Db, Promise<void>>();

/** Runs `body` in a transaction on `db` (a savepoint when one is already open in this flow). */
export async function transaction<T>(db: Db | Tx, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  const open = openTransaction.getStore();
  if (open && !open.finished && open.db === db) return savepoint(open, body);
  return inTurn(db as Db, () => topLevel(db as Db, body));
}

async function inTurn<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(db);
  let release!: () => void;
  const turn = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous ? previous.then(() => turn) : turn;
  queues.set(db, tail);
  try {
    // Uncontended (the usual case): the body starts at once, in this tick.
    if (previous) await previous;
    return await work();
  } finally {
    release();
    // The last in the queue leaves it empty, so an idle database holds no promise chain.
    if (queues.get(db) === tail) queues.delete(db);
  }
}

async function topLevel<T>(db: Db, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  const open: Open = { db, depth: 0, finished: false };
  db.run(sql`begin immediate`);
  try {
    const result = await openTransaction.run(open, () => body(db as Tx));
    db.run(sql`commit`);
    return result;
  } catch (error) {
    // A failed COMMIT (disk full) may already have ended the transaction: roll back only what is open.
    if (stillOpen(db)) db.run(sql`rollback`);
    throw error;
  } finally {
    open.finished = true;
  }
}

/** better-sqlite3 knows whether its connection is inside a transaction; drizzle's type does not show the client. */
function stillOpen(db: Db): boolean {
  return (db as Db & { $client: { inTransaction: boolean } }).$client.inTransaction;
}

async function savepoint<T>(open: Open, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  const name = sql.raw(`klaxon_sp${open.depth + 1}`);
  const db = open.db;
  db.run(sql`savepoint ${name}`);
  const inner: Open = { db, depth: open.depth + 1, finished: false };
  try {
    const result = await openTransaction.run(inner, () => body(db as Tx));
    db.run(sql`release savepoint ${name}`);
    return result;
  } catch (error) {
    db.run(sql`rollback to savepoint ${name}`);
    db.run(sql`release savepoint ${name}`);
    throw error;
  } finally {
    inner.finished = true;
  }
}
