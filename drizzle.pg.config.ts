import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL dialect's migrations (`npx drizzle-kit generate --config drizzle.pg.config.ts`),
 * kept apart from SQLite's in db/migrations. The schema is db/schema-pg, the twin of db/schema.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg/index.ts',
  out: './db/migrations-pg',
  casing: 'snake_case',
});
