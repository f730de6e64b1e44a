/** Case references as people type them: `K-42`, `k42` or plain `42`. */
export function formatCaseRef(id: number): string {
  return `K-${id}`;
}

export function parseCaseRef(input: string): number | null {
  const match = /^\s*(?:k-?)?(\d{1,12})\s*$/i.exec(input);
  if (!match?.[1]) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Who the customer is across their messages on one source. */
export function authorKeyOf(source: string, author: { id?: string | null; handle?: string | null }): string {
  if (author.id) return `${source}:id:${author.id}`;
  if (author.handle) return `${source}:h:${author.handle.replace(/^@/, '').toLowerCase()}`;
  return `${source}:anonymous`;
}
