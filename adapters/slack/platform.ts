import type { WebClient } from '@slack/web-api';
import type { CaseView, ChatPlatform, Notice } from '../../src/ports.js';
import type { Digest } from '../../src/reports/digest-types.js';
import { CARD_EVENT_TYPE, renderCard } from './blocks/card.js';
import { digestChartFile, renderDigestBlocks } from './blocks/digest.js';
import { renderNotice } from './blocks/notice.js';
import { escapeMrkdwn } from './blocks/text.js';
import { mapSlackErrors } from './errors.js';
import { messageRef, parseMessageRef } from './ids.js';

/** How far back to look for a card a crash left unrecorded. */
const FIND_CARD_SLACK_SECONDS = 120;

/**
 * The core's ChatPlatform port on Slack's Web API. Cards carry message metadata naming their
 * case, so after a crash between posting and recording a card it is found again, not re-posted.
 */
export class SlackPlatform implements ChatPlatform {
  readonly id = 'slack' as const;

  constructor(private readonly client: WebClient) {}

  async postCard(target: string, view: CaseView): Promise<{ ref: string }> {
    const { text, blocks } = renderCard(view);
    const res = await mapSlackErrors(() =>
      this.client.chat.postMessage({
        channel: target,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: CARD_EVENT_TYPE, event_payload: { case_id: view.id } },
      }),
    );
    return { ref: messageRef(res.channel ?? target, String(res.ts)) };
  }

  async updateCard(ref: string, view: CaseView): Promise<void> {
    const { channel, ts } = parseMessageRef(ref);
    const { text, blocks } = renderCard(view);
    await mapSlackErrors(() => this.client.chat.update({ channel, ts, text, blocks, metadata: { event_type: CARD_EVENT_TYPE, event_payload: { case_id: view.id } } }));
  }

  async postInThread(ref: string, text: string): Promise<void> {
    const { channel, ts } = parseMessageRef(ref);
    // Thread lines carry names and notes people typed: plain text, so &, < and > must not become markup.
    await mapSlackErrors(() => this.client.chat.postMessage({ channel, thread_ts: ts, text: escapeMrkdwn(text), unfurl_links: false }));
  }

  async postNotice(target: string, notice: Notice): Promise<{ ref: string }> {
    const message = renderNotice(notice);
    // A user id as target means a direct message: Slack opens (or reuses) the IM channel.
    let channel = target;
    if (/^[UW][A-Z0-9]+$/.test(target)) {
      const im = await mapSlackErrors(() => this.client.conversations.open({ users: target }));
      channel = im.channel?.id ?? target;
    }
    const res = await mapSlackErrors(() => this.client.chat.postMessage({ channel, ...message, unfurl_links: false }));
    return { ref: messageRef(res.channel ?? channel, String(res.ts)) };
  }

  async findCard(target: string, caseId: number, since: Date): Promise<string | null> {
    const oldest = (since.getTime() / 1000 - FIND_CARD_SLACK_SECONDS).toFixed(6);
    const res = await mapSlackErrors(() => this.client.conversations.history({ channel: target, oldest, include_all_metadata: true, limit: 200 }));
    for (const message of res.messages ?? []) {
      const meta = message.metadata as { event_type?: string; event_payload?: { case_id?: unknown } } | undefined;
      if (meta?.event_type === CARD_EVENT_TYPE && Number(meta.event_payload?.case_id) === caseId && message.ts) return messageRef(target, message.ts);
    }
    return null;
  }

  /**
   * One message carrying the digest's blocks with the chart attached: files.uploadV2 uploads the
   * PNG and its completion step (files.completeUploadExternal) posts the blocks with it, so the
   * chart is never separated from the numbers and a failed upload posts nothing.
   */
  async postDigest(target: string, digest: Digest, chartPng: Buffer): Promise<{ ref: string }> {
    const { blocks } = renderDigestBlocks(digest);
    const file = digestChartFile(digest);
    const res = await mapSlackErrors(() =>
      this.client.files.uploadV2({ channel_id: target, file: chartPng, filename: file.filename, title: file.title, alt_text: file.altText, blocks }),
    );
    // uploadV2 answers { files: [<files.completeUploadExternal result>] }; its typing is generic.
    const completed = (res as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]?.id;
    return { ref: `slack:file:${completed ?? 'unknown'}` };
  }

  async cardLink(ref: string): Promise<string | null> {
    const { channel, ts } = parseMessageRef(ref);
    try {
      const res = await this.client.chat.getPermalink({ channel, message_ts: ts });
      return res.permalink ?? null;
    } catch {
      return null;
    }
  }
}
