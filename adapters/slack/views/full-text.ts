import type { Button, KnownBlock, ModalView } from '@slack/types';
import type { CaseView } from '../../../src/ports.js';
import { SLACK_MAX, collapseBlankLines, escapeMrkdwn, mrkdwn, plainText, truncate } from '../blocks/text.js';
import { MODAL_ACTION, VIEW } from './ids.js';

/** Blocks a page gives to text: Slack's 100 per view, less the heading and the paging buttons. */
export const TEXT_SECTIONS_PER_PAGE = SLACK_MAX.viewBlocks - 2;

/**
 * Splits text into pieces of at most `max` characters, at a paragraph, line or word end near the
 * limit when there is one, and never inside an emoji.
 */
export function textChunks(text: string, max: number = SLACK_MAX.sectionText): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest || chunks.length === 0) chunks.push(rest);
  return chunks;
}

export interface FullTextPage {
  view: ModalView;
  pages: number;
}

/**
 * The whole of a case's text in a modal, as plain text (shown exactly as written: nothing to
 * escape, nothing Slack parses). Text longer than one modal holds is paged with Previous / Next.
 */
export function fullTextModal(v: CaseView, page: number, sectionsPerPage: number = TEXT_SECTIONS_PER_PAGE): FullTextPage {
  // Whitespace alone says nothing and Slack refuses an empty text: such pieces are left out.
  const pieces = textChunks(collapseBlankLines(v.text)).filter((chunk) => chunk.trim());
  const chunks = pieces.length ? pieces : ['(no text)'];
  const pages = Math.max(1, Math.ceil(chunks.length / sectionsPerPage));
  const current = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  const who = v.author.handle ? `@${v.author.handle}` : (v.author.name ?? 'the customer');
  const paging = pages > 1 ? ` · page ${current + 1} of ${pages}` : '';
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      elements: [
        mrkdwn(
          `*${v.priority} · ${v.ref}* · ${escapeMrkdwn(truncate(v.source, 40))} · ${escapeMrkdwn(truncate(who, 200))} · ` +
            `${v.text.length.toLocaleString('en-US')} characters${paging}`,
        ),
      ],
    },
    ...chunks
      .slice(current * sectionsPerPage, (current + 1) * sectionsPerPage)
      .map((chunk): KnownBlock => ({ type: 'section', text: plainText(chunk, SLACK_MAX.sectionText) })),
  ];
  if (pages > 1) {
    const nav: Button[] = [];
    if (current > 0)
      nav.push({
        type: 'button',
        action_id: `${MODAL_ACTION.fullTextPage}_prev`,
        text: { type: 'plain_text', text: '← Previous page' },
        value: `${v.id}:${current - 1}`,
      });
    if (current < pages - 1)
      nav.push({
        type: 'button',
        action_id: `${MODAL_ACTION.fullTextPage}_next`,
        text: { type: 'plain_text', text: 'Next page →' },
        value: `${v.id}:${current + 1}`,
      });
    blocks.push({ type: 'actions', block_id: 'full_text_pages', elements: nav });
  }
  return {
    pages,
    view: {
      type: 'modal',
      callback_id: VIEW.fullText,
      private_metadata: JSON.stringify({ caseId: v.id, page: current }),
      title: { type: 'plain_text', text: truncate(`Full text · ${v.ref}`, SLACK_MAX.modalTitle) },
      close: { type: 'plain_text', text: 'Close' },
      blocks,
    },
  };
}
