import { createInterface } from 'node:readline';

/** One non-blank line of a JSON-lines input: its parsed value, or why it could not be read. */
export type JsonLine = { lineNo: number; ok: true; json: unknown } | { lineNo: number; ok: false; error: 'not valid JSON' };

/** The non-blank lines of a JSON-lines stream, numbered from 1 as an editor numbers them. */
export async function* readJsonLines(input: NodeJS.ReadableStream): AsyncGenerator<JsonLine> {
  let lineNo = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo += 1;
    if (!line.trim()) continue;
    try {
      yield { lineNo, ok: true, json: JSON.parse(line) as unknown };
    } catch {
      yield { lineNo, ok: false, error: 'not valid JSON' };
    }
  }
}
