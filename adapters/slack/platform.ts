import type { WebClient } from '@slack/web-api';
import { TargetUnavailableError, type CaseView, type ChatPlatform, type Notice, type RenderOptions } from '../../src/ports.js';
import type { Digest } from '../../src/domain/digest.js';
import { CARD_EVENT_TYPE, renderCard, renderMinimalCard } from './blocks/card.js';
import { digestChartFile, renderDigestBlocks } from './blocks/digest.js';
import { renderMinimalNotice, renderNotice } from './blocks/notice.js';
import { textMessage } from './blocks/text.js';
import { joinChannel } from './channel-access.js';
import { mapSlackErrors, slackErrorCode, toOutboxError } from './errors.js';
import { messageRef, parseMessageRef } from './ids.js';

/**
 * Looking for a card an interrupted post may have left (after a crash, or a call whose answer
 * was lost): Slack stamps a message when it arrives, a moment after the attempt started. The
 * window starts a little before the attempt (Slack's clock and ours may differ by a second or
 * two) and ends soon after it: posts to one channel go one at a time about a second apart, so
 * a short window holds the interrupted post and few others. Slack's 2025 terms allow
 * distributed apps one history call a minute with at most 15 messages: one call, 15 messages.
 */
export const FIND_CARD_WINDOW = { beforeSeconds: 2, afterSeconds: 10, limit: 15 } as const;

const cardMetadata = (view: CaseView) => ({ event_type: CARD_EVENT_TYPE, event_payload: { case_id: view.id } });

/**
 * The core's ChatPlatform port on Slack's Web API. Cards carry message metadata naming their
 * case, so after a crash between posting and recording a card it is found again, not re-posted.
 */
export class SlackPlatform implements ChatPlatform {
  readonly id = 'slack' as const;

  constructor(private readonly client: WebClient) {}

  /**
   * Runs a post into a channel. A public channel the bot was not invited to is joined
   * (`conversations.join`) and the post made once more; a private one cannot be joined, and
   * that is a TargetUnavailableError saying how to invite Klaxon.
   */
  async #intoChannel<T>(channel: string, post: () => Promise<T>): Promise<T> {
    try {
      return await post();
    } catch (error) {
      if (slackErrorCode(error) !== 'not_in_channel') throw toOutboxError(error);
      const joined = await mapSlackErrors(() => joinChannel(this.client, channel));
      if (!joined.ok) throw new TargetUnavailableError(joined.code, joined.message, { cause: error });
      return mapSlackErrors(post);
    }
  }

  async postCard(target: string, view: CaseView, options: RenderOptions = {}): Promise<{ ref: string }> {
    const { text, blocks } = options.shortForm ? renderMinimalCard(view, options.shortForm.refusedWith) : renderCard(view);
    const res = await this.#intoChannel(target, () =>
      this.client.chat.postMessage({
        channel: target,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: cardMetadata(view),
      }),
    );
    return { ref: messageRef(res.channel ?? target, String(res.ts)) };
  }

  async updateCard(ref: string, view: CaseView, options: RenderOptions = {}): Promise<void> {
    const { channel, ts } = parseMessageRef(ref);
    const { text, blocks } = options.shortForm ? renderMinimalCard(view, options.shortForm.refusedWith) : renderCard(view);
    await mapSlackErrors(() => this.client.chat.update({ channel, ts, text, blocks, metadata: cardMetadata(view) }));
  }

  /** A line of the case's history under its card: plain text from the core, escaped here. */
  async postInThread(ref: string, text: string): Promise<void> {
    const { channel, ts } = parseMessageRef(ref);
    await mapSlackErrors(() =>
      this.client.chat.postMessage({ channel, thread_ts: ts, ...textMessage(text), unfurl_links: false, unfurl_media: false }),
    );
  }

  async postNotice(target: string, notice: Notice, options: RenderOptions = {}): Promise<{ ref: string }> {
    const message = options.shortForm ? renderMinimalNotice(notice) : renderNotice(notice);
    // A user id as target means a direct message: Slack opens (or reuses) the IM channel.
    let channel = target;
    if (/^[UW][A-Z0-9]+$/.test(target)) {
      const im = await mapSlackErrors(() => this.client.conversations.open({ users: target }));
      channel = im.channel?.id ?? target;
    }
    const res = await this.#intoChannel(channel, () =>
      this.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }),
    );
    return { ref: messageRef(res.channel ?? channel, String(res.ts)) };
  }

  /** One history call in the window of the interrupted attempt (see FIND_CARD_WINDOW). */
  async findCard(target: string, caseId: number, since: Date): Promise<string | null> {
    const at = since.getTime() / 1000;
    const res = await mapSlackErrors(() =>
      this.client.conversations.history({
        channel: target,
        oldest: (at - FIND_CARD_WINDOW.beforeSeconds).toFixed(6),
        latest: (at + FIND_CARD_WINDOW.afterSeconds).toFixed(6),
        inclusive: true,
        include_all_metadata: true,
        limit: FIND_CARD_WINDOW.limit,
      }),
    );
    for (const message of res.messages ?? []) {
      const meta = message.metadata as { event_type?: string; event_payload?: { case_id?: unknown } } | undefined;
      if (meta?.event_type === CARD_EVENT_TYPE && Number(meta.event_payload?.case_id) === caseId && message.ts)
        return messageRef(target, message.ts);
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
    const res = await this.#intoChannel(target, () =>
      this.client.files.uploadV2({
        channel_id: target,
        file: chartPng,
        filename: file.filename,
        title: file.title,
        alt_text: file.altText,
        blocks,
      }),
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
