/**
 * Loader for TweetEval (Barbieri et al., 2020): one tweet a line in `<task>-<split>-text.txt`,
 * its label on the same line of `<task>-<split>-labels.txt` (see ../shared/data/README.md).
 * Read in place, never copied. Sentiment: 0 negative, 1 neutral, 2 positive; irony: 0/1.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type TweetEvalTask = 'sentiment' | 'irony';
export type TweetEvalSplit = 'train' | 'val' | 'test';

export interface TweetEvalRow {
  /** Line number in the split (0-based), a stable id for sub-splits. */
  index: number;
  text: string;
  label: number;
}

export const TWEETEVAL_DIR = new URL('../../../shared/data/tweeteval/', import.meta.url);

export function loadTweetEval(task: TweetEvalTask, split: TweetEvalSplit, dir: string | URL = TWEETEVAL_DIR): TweetEvalRow[] {
  const base = typeof dir === 'string' ? dir.replace(/\/?$/, '/') : fileURLToPath(dir);
  const texts = readFileSync(`${base}${task}-${split}-text.txt`, 'utf8').split('\n');
  const labels = readFileSync(`${base}${task}-${split}-labels.txt`, 'utf8').split('\n');
  // A final newline leaves one empty element; a text may be empty, a label never.
  while (labels.length > 0 && labels[labels.length - 1]!.trim() === '') labels.pop();
  if (texts.length < labels.length) throw new Error(`tweeteval ${task}-${split}: ${labels.length} labels but ${texts.length} texts`);
  return labels.map((l, index) => {
    const label = Number(l.trim());
    if (!Number.isInteger(label)) throw new Error(`tweeteval ${task}-${split}: line ${index + 1} has label "${l}"`);
    return { index, text: texts[index] ?? '', label };
  });
}
