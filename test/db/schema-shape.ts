import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * The shape of a migrated database as both engines can describe it — tables, columns (type family,
 * nullability, default, identity), primary keys, indexes, unique constraints, foreign keys, checks
 * and triggers — read from the catalogues (SQLite: sqlite_master and the pragmas; PostgreSQL:
 * information_schema, pg_index, pg_constraint), so what is compared is what the migrations built.
 */

export interface ColumnShape {
  /** Type family: integer, text, real, blob (PostgreSQL's names mapped onto SQLite's storage classes). */
  type: string;
  notNull: boolean;
  /** The default as written, casts and quotes normalised; null when there is none. */
  default: string | null;
  /** SQLite AUTOINCREMENT, PostgreSQL identity: a key the database hands out and never reuses. */
  generated: boolean;
}

export interface IndexShape {
  unique: boolean;
  partial: boolean;
  columns: string[];
}

export interface ForeignKeyShape {
  columns: string[];
  references: string;
  referencedColumns: string[];
  onUpdate: string;
  onDelete: string;
}

export interface TriggerShape {
  timing: string;
  event: string;
  /** For `UPDATE OF …`: the columns, sorted; empty for any column. */
  columns: string[];
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** By name; a unique constraint (no index name of its own on SQLite) is keyed `unique(a,b)`. */
  indexes: Record<string, IndexShape>;
  foreignKeys: ForeignKeyShape[];
  checks: string[];
  triggers: Record<string, TriggerShape>;
}

export type SchemaShape = Record<string, TableShape>;

/** Tables the migrators keep for themselves, not part of Klaxon's schema. */
const BOOKKEEPING = new Set(['__drizzle_migrations', 'sqlite_sequence']);

/**
 * PostgreSQL type → SQLite's family. Booleans are stored by SQLite as integers 0/1 and bigint holds
 * SQLite's 64-bit integers; `real` (4 bytes) is deliberately not `real`, whose SQLite meaning is 8
 * bytes, so a float4 column shows up as a difference.
 */
const PG_FAMILY: Record<string, string> = {
  smallint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  boolean: 'integer',
  text: 'text',
  'character varying': 'text',
  'double precision': 'real',
  real: 'float4',
  numeric: 'numeric',
  bytea: 'blob',
};

function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  // PostgreSQL writes `'open'::text`, `'[]'::text`, `(0)::bigint`; SQLite `'open'`, `'[]'`, `0`.
  let text = value.trim().replace(/::[a-z][a-z ]*(\[\])?$/i, '');
  if (/^\(.*\)$/.test(text)) text = text.slice(1, -1);
  return text.toLowerCase() === 'true' || text.toLowerCase() === 'false' ? text.toLowerCase() : text;
}

const unquote = (name: string) => name.trim().replace(/^[`"[]|[`"\]]$/g, '');
const uniqueKey = (columns: string[]) => `unique(${columns.join(',')})`;

export function sqliteShape(sqlite: Database.Database): SchemaShape {
  const shape: SchemaShape = {};
  const objects = sqlite.prepare('select type, name, tbl_name as tbl, sql from sqlite_master where sql is not null').all() as {
    type: string;
    name: string;
    tbl: string;
    sql: string;
  }[];
  const tables = objects.filter((o) => o.type === 'table' && !BOOKKEEPING.has(o.name) && !o.name.startsWith('sqlite_'));
  for (const table of tables) {
    const info = sqlite.prepare(`select * from pragma_table_info(?)`).all(table.name) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const columns: Record<string, ColumnShape> = {};
    for (const c of info) {
      const autoincrement = new RegExp(`[\`"]?${c.name}[\`"]?\\s+integer\\s+primary\\s+key\\s+autoincrement`, 'i').test(table.sql);
      // A PRIMARY KEY column is NOT NULL on PostgreSQL by definition; drizzle writes it so on SQLite too.
      columns[c.name] = {
        type: c.type.toLowerCase(),
        notNull: c.notnull === 1 || c.pk > 0,
        default: normaliseDefault(c.dflt_value),
        generated: autoincrement,
      };
    }
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const indexes: Record<string, IndexShape> = {};
    const list = sqlite.prepare('select * from pragma_index_list(?)').all(table.name) as {
      name: string;
      unique: number;
      origin: string;
      partial: number;
    }[];
    for (const index of list) {
      if (index.origin === 'pk') continue;
      const cols = (
        sqlite.prepare('select name from pragma_index_info(?) order by seqno').all(index.name) as { name: string | null }[]
      ).map((r) => r.name ?? '(expression)');
      indexes[index.origin === 'u' ? uniqueKey(cols) : index.name] = {
        unique: index.unique === 1,
        partial: index.partial === 1,
        columns: cols,
      };
    }
    const fkRows = sqlite.prepare('select * from pragma_foreign_key_list(?) order by id, seq').all(table.name) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }[];
    const byId = new Map<number, ForeignKeyShape>();
    for (const r of fkRows) {
      const fk = byId.get(r.id) ?? {
        columns: [],
        references: r.table,
        referencedColumns: [],
        onUpdate: r.on_update.toLowerCase(),
        onDelete: r.on_delete.toLowerCase(),
      };
      fk.columns.push(r.from);
      fk.referencedColumns.push(r.to);
      byId.set(r.id, fk);
    }
    const checks = [...table.sql.matchAll(/constraint\s+([`"]?\w+[`"]?)\s+check\s*\(/gi)].map((m) => unquote(m[1] as string));
    if (/\bcheck\s*\(/i.test(table.sql.replace(/constraint\s+[`"]?\w+[`"]?\s+check\s*\(/gi, ''))) checks.push('(unnamed check)');
    const triggers: Record<string, TriggerShape> = {};
    for (const t of objects.filter((o) => o.type === 'trigger' && o.tbl === table.name)) {
      const m = /\b(before|after|instead\s+of)\s+(insert|delete|update)(?:\s+of\s+(.+?))?\s+on\s/is.exec(t.sql);
      if (!m) throw new Error(`cannot read trigger ${t.name}: ${t.sql}`);
      triggers[t.name] = {
        timing: (m[1] as string).toUpperCase().replace(/\s+/, ' '),
        event: (m[2] as string).toUpperCase(),
        columns: m[3] ? m[3].split(',').map(unquote).sort() : [],
      };
    }
    shape[table.name] = { columns, primaryKey, indexes, foreignKeys: [...byId.values()], checks: checks.sort(), triggers };
  }
  return shape;
}

const FK_ACTION: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

export async function postgresShape(client: pg.ClientBase, schema: string): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const tables = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name",
    [schema],
  );
  for (const { table_name: table } of tables.rows) {
    if (BOOKKEEPING.has(table)) continue;
    const cols = await client.query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
    }>(
      `select column_name, data_type, is_nullable, column_default, is_identity
       from information_schema.columns where table_schema = $1 and table_name = $2`,
      [schema, table],
    );
    const columns: Record<string, ColumnShape> = {};
    for (const c of cols.rows) {
      columns[c.column_name] = {
        type: PG_FAMILY[c.data_type] ?? c.data_type,
        notNull: c.is_nullable === 'NO',
        default: normaliseDefault(c.column_default),
        generated: c.is_identity === 'YES',
      };
    }
    const constraints = await client.query<{
      conname: string;
      contype: string;
      cols: string[];
      reftable: string | null;
      refcols: string[] | null;
      upd: string;
      del: string;
      conindid: number;
    }>(
      `select con.conname, con.contype, con.conindid::int as conindid,
              array(select a.attname from unnest(con.conkey) with ordinality k(n, ord)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by ord)::text[] as cols,
              ref.relname as reftable,
              array(select a.attname from unnest(con.confkey) with ordinality k(n, ord)
                    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by ord)::text[] as refcols,
              con.confupdtype as upd, con.confdeltype as del
       from pg_constraint con
       join pg_class rel on rel.oid = con.conrelid
       join pg_namespace ns on ns.oid = rel.relnamespace
       left join pg_class ref on ref.oid = con.confrelid
       where ns.nspname = $1 and rel.relname = $2`,
      [schema, table],
    );
    const primaryKey = constraints.rows.find((c) => c.contype === 'p')?.cols ?? [];
    const uniqueConstraintIndexes = new Map(constraints.rows.filter((c) => c.contype === 'u').map((c) => [c.conindid, c.cols]));
    const idx = await client.query<{
      oid: number;
      name: string;
      unique: boolean;
      primary: boolean;
      partial: boolean;
      cols: (string | null)[];
    }>(
      `select i.oid::int as oid, i.relname as name, ix.indisunique as unique, ix.indisprimary as primary, ix.indpred is not null as partial,
              array(select a.attname from unnest(ix.indkey) with ordinality k(n, ord)
                    left join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.n order by ord)::text[] as cols
       from pg_index ix
       join pg_class i on i.oid = ix.indexrelid
       join pg_class t on t.oid = ix.indrelid
       join pg_namespace ns on ns.oid = t.relnamespace
       where ns.nspname = $1 and t.relname = $2`,
      [schema, table],
    );
    const indexes: Record<string, IndexShape> = {};
    for (const i of idx.rows) {
      if (i.primary) continue;
      const columnsOf = i.cols.map((c) => c ?? '(expression)');
      const constraint = uniqueConstraintIndexes.get(i.oid);
      indexes[constraint ? uniqueKey(constraint) : i.name] = { unique: i.unique, partial: i.partial, columns: columnsOf };
    }
    const foreignKeys = constraints.rows
      .filter((c) => c.contype === 'f')
      .map((c) => ({
        columns: c.cols,
        references: c.reftable ?? '',
        referencedColumns: c.refcols ?? [],
        onUpdate: FK_ACTION[c.upd] ?? c.upd,
        onDelete: FK_ACTION[c.del] ?? c.del,
      }));
    const checks = constraints.rows
      .filter((c) => c.contype === 'c')
      .map((c) => c.conname)
      .sort();
    const trig = await client.query<{ name: string; timing: string; event: string; orientation: string }>(
      `select trigger_name as name, action_timing as timing, event_manipulation as event, action_orientation as orientation
       from information_schema.triggers where event_object_schema = $1 and event_object_table = $2`,
      [schema, table],
    );
    const updateColumns = await client.query<{ name: string; col: string }>(
      `select trigger_name as name, event_object_column as col
       from information_schema.triggered_update_columns where event_object_schema = $1 and event_object_table = $2`,
      [schema, table],
    );
    const triggers: Record<string, TriggerShape> = {};
    for (const t of trig.rows) {
      // SQLite triggers are always FOR EACH ROW; a statement-level one has no SQLite twin.
      const timing = t.orientation === 'ROW' ? t.timing : `${t.timing} (FOR EACH ${t.orientation})`;
      triggers[t.name] = {
        timing,
        event: t.event,
        columns: updateColumns.rows
          .filter((u) => u.name === t.name)
          .map((u) => u.col)
          .sort(),
      };
    }
    shape[table] = { columns, primaryKey, indexes, foreignKeys, checks, triggers };
  }
  return shape;
}

const show = (value: unknown) => JSON.stringify(value);

/** Every difference between the two shapes, one line each; empty when they are the same. */
export function shapeDifferences(sqlite: SchemaShape, postgres: SchemaShape): string[] {
  const out: string[] = [];
  const names = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const table of names(sqlite, postgres)) {
    const s = sqlite[table];
    const p = postgres[table];
    if (!s || !p) {
      out.push(`table ${table}: only in ${s ? 'sqlite' : 'postgresql'}`);
      continue;
    }
    for (const column of names(s.columns, p.columns)) {
      const a = s.columns[column];
      const b = p.columns[column];
      if (!a || !b) out.push(`column ${table}.${column}: only in ${a ? 'sqlite' : 'postgresql'}`);
      else {
        for (const key of ['type', 'notNull', 'default', 'generated'] as const) {
          if (a[key] !== b[key]) out.push(`column ${table}.${column}: ${key} ${show(a[key])} in sqlite, ${show(b[key])} in postgresql`);
        }
      }
    }
    if (show(s.primaryKey) !== show(p.primaryKey))
      out.push(`table ${table}: primary key ${show(s.primaryKey)} in sqlite, ${show(p.primaryKey)} in postgresql`);
    for (const index of names(s.indexes, p.indexes)) {
      const a = s.indexes[index];
      const b = p.indexes[index];
      if (!a || !b) out.push(`index ${index} on ${table}: only in ${a ? 'sqlite' : 'postgresql'}`);
      else if (show(a) !== show(b)) out.push(`index ${index} on ${table}: ${show(a)} in sqlite, ${show(b)} in postgresql`);
    }
    const fks = (list: ForeignKeyShape[]) => list.map(show).sort();
    if (show(fks(s.foreignKeys)) !== show(fks(p.foreignKeys))) {
      out.push(`table ${table}: foreign keys ${show(fks(s.foreignKeys))} in sqlite, ${show(fks(p.foreignKeys))} in postgresql`);
    }
    if (show(s.checks) !== show(p.checks)) out.push(`table ${table}: checks ${show(s.checks)} in sqlite, ${show(p.checks)} in postgresql`);
    for (const trigger of names(s.triggers, p.triggers)) {
      const a = s.triggers[trigger];
      const b = p.triggers[trigger];
      if (!a || !b) out.push(`trigger ${trigger} on ${table}: only in ${a ? 'sqlite' : 'postgresql'}`);
      else if (show(a) !== show(b)) out.push(`trigger ${trigger} on ${table}: ${show(a)} in sqlite, ${show(b)} in postgresql`);
    }
  }
  return out;
}
