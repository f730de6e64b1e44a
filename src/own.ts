/**
 * A value stored under `key` in a plain object, or undefined — never one inherited from
 * Object.prototype. Names that come from outside (a source, a theme, a calendar, a placeholder in
 * a saved reply) may be `constructor`, `toString` or `__proto__`; `record[key]` would answer those
 * with a built-in function.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
