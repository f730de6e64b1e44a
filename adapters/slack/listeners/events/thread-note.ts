import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { caseIdForCard } from '../../../../src/cases/find.js';
import { noteCase } from '../../../../src/cases/verbs/note.js';
import { refusalOf } from '../../../../src/chat/failure.js';
import { CHAT_TEXT } from '../../../../src/chat/text.js';
import type { SlackListenerDeps } from '../../context.js';
import { messageRef } from '../../ids.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** Slack escapes &, < and > in what people type (its own markup uses them); a note keeps the text as typed. */
function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A message typed in a card's thread is an internal note on the case. It is stored (with who
 * wrote it) and never reaches the customer: only Reply / Move to DM do that.
 */
export function threadNote(deps: SlackListenerDeps) {
  return async ({ message, client }: Args): Promise<void> => {
    if (message.subtype !== undefined) return; // edits, legacy bot posts, joins…
    // A bot's own posts (Klaxon's thread lines among them) carry bot_id: never an agent's note,
    // even before Klaxon has learnt its own ids from auth.test.
    if ('bot_id' in message && message.bot_id) return;
    if (!('thread_ts' in message) || !message.thread_ts || message.thread_ts === message.ts) return;
    if (!('user' in message) || !message.user || !('text' in message) || !message.text) return;
    const caseId = caseIdForCard(deps.cases.db, 'slack', messageRef(message.channel, message.thread_ts));
    if (caseId === null) return;
    const actor = await deps.people.actor(message.user);
    // Slack sends typed text with &, < and > escaped; the note keeps what the person wrote.
    const text = unescapeMrkdwn(message.text);
    const outcome = await refusalOf(() => noteCase({ ctx: deps.cases, input: { caseId, actor, text, fromThread: true } }));
    if (!outcome.ok)
      await client.chat.postEphemeral({
        channel: message.channel,
        user: message.user,
        thread_ts: message.thread_ts,
        text: CHAT_TEXT.noteRefused(outcome.message),
      });
  };
}
