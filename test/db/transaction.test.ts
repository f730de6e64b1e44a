import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { kvState } from '../../db/schema/index.js';
import { transaction } from '../../db/transaction.js';
import type { DbOrTx } from '../../db/types.js';

const at = new Date('2026-12-01T09:00:00Z');
const put = (db: DbOrTx, key: string, value = 'v') => db.insert(kvState).values({ key, value, updatedAt: at }).run();
const keys = (handle: DbHandle) =>
  handle.db
    .select({ key: kvState.key })
    .from(kvState)
    .all()
    .map((r) => r.key)
    .sort();
/** Lets every other piece of work queued so far run, as a body awaiting a real statement would. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('transaction(): bodies that await, on SQLite', () => {
  let handle: DbHandle;
  afterEach(() => handle.close());

  it('commits what the body wrote and returns its value', async () => {
    handle = openDatabase(':memory:');
    const value = await transaction(handle.db, async (tx) => {
      put(tx, 'a');
      await yieldTurn();
      put(tx, 'b');
      return 42;
    });
    expect(value).toBe(42);
    expect(keys(handle)).toEqual(['a', 'b']);
  });

  it('rolls back everything the body wrote when it throws, after an await too', async () => {
    handle = openDatabase(':memory:');
    await expect(
      transaction(handle.db, async (tx) => {
        put(tx, 'a');
        await yieldTurn();
        put(tx, 'b');
        throw new Error('conflict');
      }),
    ).rejects.toThrow('conflict');
    expect(keys(handle)).toEqual([]);
  });

  it('runs transactions of two flows one after the other: a rollback of one never takes the other’s writes', async () => {
    handle = openDatabase(':memory:');
    const order: string[] = [];
    const failing = transaction(handle.db, async (tx) => {
      order.push('first begins');
      put(tx, 'first');
      await yieldTurn();
      await yieldTurn();
      order.push('first fails');
      throw new Error('first fails');
    });
    const second = transaction(handle.db, async (tx) => {
      order.push('second begins');
      put(tx, 'second');
      return 'ok';
    });
    await expect(failing).rejects.toThrow('first fails');
    await expect(second).resolves.toBe('ok');
    expect(order).toEqual(['first begins', 'first fails', 'second begins']);
    expect(keys(handle)).toEqual(['second']);
  });

  it('a transaction opened inside a body is a savepoint: it rolls back alone when it throws', async () => {
    handle = openDatabase(':memory:');
    await transaction(handle.db, async (tx) => {
      put(tx, 'outer');
      await expect(
        transaction(tx, async (inner) => {
          put(inner, 'inner');
          await yieldTurn();
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await transaction(tx, (inner) => put(inner, 'kept'));
    });
    expect(keys(handle)).toEqual(['kept', 'outer']);
  });

  it('the queue empties: a later transaction starts in the same tick when none is open', async () => {
    handle = openDatabase(':memory:');
    await transaction(handle.db, (tx) => put(tx, 'a'));
    let started = false;
    const pending = transaction(handle.db, (tx) => {
      started = true;
      return put(tx, 'b');
    });
    expect(started).toBe(true);
    await pending;
    expect(keys(handle)).toEqual(['a', 'b']);
  });

  it('a failed statement rolls back the whole transaction and leaves the connection usable', async () => {
    handle = openDatabase(':memory:');
    await expect(
      transaction(handle.db, async (tx) => {
        put(tx, 'a');
        await yieldTurn();
        put(tx, 'a'); // the primary key refuses a second 'a'
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(keys(handle)).toEqual([]);
    await transaction(handle.db, (tx) => put(tx, 'after'));
    expect(handle.db.select().from(kvState).where(eq(kvState.key, 'after')).all()).toHaveLength(1);
  });
});
