import type { CaseView } from '../../../src/ports.js';
import { VERB } from '../verbs.js';
import { authorRuns } from './case-card.js';
import {
  actionSet,
  adaptiveCard,
  container,
  execute,
  inert,
  plainText,
  textBlock,
  type AdaptiveCard,
  type CardAction,
} from './elements.js';
import { fitCard } from './size.js';

/** A page holds at most this many characters (a screenful or two) … */
const PAGE_CHARS = 8000;
/** … and at most this many UTF-16 code units once written as JSON (what Teams counts, halved). */
const PAGE_JSON_UNITS = 24_000;

/** Code units a character takes inside a JSON string. */
function jsonUnits(char: string): number {
  const code = char.codePointAt(0)!;
  if (char === '"' || char === '\\') return 2;
  if (code < 0x20) return '\b\f\n\r\t'.includes(char) ? 2 : 6;
  return char.length;
}

/**
 * Splits a text into pages that each fit a Teams message: by characters, and by what the JSON
 * escaping makes of them (a control character takes six). A page ends at a line break or a space
 * near its end when there is one, never inside a character.
 */
export function pageText(text: string, limits: { chars: number; units: number } = { chars: PAGE_CHARS, units: PAGE_JSON_UNITS }): string[] {
  const pages: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    let chars = 0;
    let units = 0;
    while (end < text.length) {
      const char = String.fromCodePoint(text.codePointAt(end)!);
      if (chars + 1 > limits.chars || units + jsonUnits(char) > limits.units) break;
      chars += 1;
      units += jsonUnits(char);
      end += char.length;
    }
    if (end < text.length) {
      // Prefer a break in the last tenth of the page.
      const window = text.slice(start, end);
      const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
      if (breakAt > window.length * 0.9) end = start + breakAt + 1;
    }
    pages.push(text.slice(start, end));
    start = end;
  }
  return pages.length > 0 ? pages : [''];
}

/**
 * The customer's whole message, one page at a time, shown in place of the case card for the
 * person who asked (an invoke answer), with Previous/Next and a way back to the card.
 */
export function fullTextCard(view: CaseView, page: number): AdaptiveCard {
  const pages = pageText(inert(view.text));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages.length);
  return fitCard(() => {
    const nav: CardAction[] = [];
    if (current > 1) nav.push(execute('Previous page', VERB.fullText, { caseId: view.id, page: current - 1 }));
    if (current < pages.length)
      nav.push(execute('Next page', VERB.fullText, { caseId: view.id, page: current + 1 }, { style: 'positive' }));
    nav.push(execute('Back to the case', VERB.cancel, { caseId: view.id }));
    return adaptiveCard(
      [
        textBlock(
          `**Full text of ${view.ref}** · ${view.text.length.toLocaleString('en')} ` +
            `characters${pages.length > 1 ? ` · page ${current} of ${pages.length}` : ''}`,
          { size: 'Medium' },
        ),
        plainText(authorRuns(view), { spacing: 'Small' }),
        container([plainText({ text: pages[current - 1]! })], { style: 'emphasis' }),
        actionSet(nav),
      ],
      { fallbackText: `Full text of ${view.ref}` },
    );
  });
}
