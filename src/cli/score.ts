import { createInterface } from 'node:readline';
import type { Config } from '../config/load.js';
import { mentionSchema } from '../ingest/schema.js';
import { scoreMention } from '../scoring/index.js';

/**
 * `klaxon score`: mentions (ingest format) one JSON per line on stdin, one JSON score per line
 * on stdout. Uses the config's VIP list and weights; touches no database. A bad line gets an
 * `{"line", "error"}` object on stdout and a non-zero exit at the end.
 */
export async function scoreCommand(config: Config, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const vips = new Set(config.file.vips);
  let lineNo = 0;
  let bad = 0;
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo += 1;
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      bad += 1;
      output.write(`${JSON.stringify({ line: lineNo, error: 'not valid JSON' })}\n`);
      continue;
    }
    const parsed = mentionSchema.safeParse(json);
    if (!parsed.success) {
      bad += 1;
      const error = parsed.error.issues.map((i) => `${i.path.join('.') || '(mention)'} ${i.message}`).join('; ');
      output.write(`${JSON.stringify({ line: lineNo, error })}\n`);
      continue;
    }
    const m = parsed.data;
    const handle = m.author.handle?.replace(/^@/, '').toLowerCase();
    const result = scoreMention({ text: m.text, source: m.source, author: m.author, isVip: handle ? vips.has(handle) : false, rating: m.rating }, config.file.scoring);
    output.write(
      `${JSON.stringify({ id: m.id, score: result.score, priority: result.priority, severity: result.severity, sentiment: result.sentiment, reasons: result.reasons })}\n`,
    );
  }
  return bad > 0 ? 1 : 0;
}
