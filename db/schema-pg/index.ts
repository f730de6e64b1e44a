// The PostgreSQL schema: one file per entity, each the twin of the same file in db/schema (the
// enums are shared). test/db/schema-equality.test.ts applies both dialects' migrations and holds
// the tables, columns, keys, indexes and triggers equal.
export * from '../schema/enums.js';
export * from './mentions.js';
export * from './cases.js';
export * from './case-events.js';
export * from './vips.js';
export * from './outbox.js';
export * from './card-refs.js';
export * from './state.js';
export * from './webhook-inbox.js';
export * from './report-days.js';
