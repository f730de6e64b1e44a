/**
 * The database itself failing (busy, full, read-only, I/O): not the fault of any one mention, so
 * the batch fails as a whole and the client is told to try again later. The codes are SQLite's
 * (better-sqlite3's `error.code`); a second engine adds its own here.
 */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CORRUPT|CANTOPEN|PROTOCOL|NOTADB|PERM|AUTH)/.test(code)
  );
}
