import type { Logger } from '../../../src/log.js';
import { SANDBOX_CHANNELS, dmChannelOf, type SandboxUser } from '../people.js';
import { messageRefusal } from '../slack-api/block-kit/blocks.js';
import type { SlackWorkspace, StoredMessage } from '../slack-api/store.js';
import {
  eventCallback,
  messageActionBody,
  slashCommandBody,
  viewActionBody,
  viewClosedBody,
  viewSubmissionBody,
  type ViewPayload,
} from '../slack-events/payloads.js';
import type { SlackEventsClient } from '../slack-events/signing.js';
import { actionFor, findElement, type ElementInput, type ElementPath } from './elements.js';
import type { EphemeralLog, SandboxEphemeral } from './ephemerals.js';
import type { ModalStacks, SubmitOutcome } from './modals.js';
import type { ResponseTarget, ResponseUrls } from './response-urls.js';
import type { Triggers } from './triggers.js';
import { viewState, type ViewInputs } from './view-state.js';

/** The commands the Klaxon app registers (manifest.json); Slack refuses any other. */
const KNOWN_COMMANDS = new Set(['/klaxon']);

export interface EmulatorDeps {
  ws: SlackWorkspace;
  events: SlackEventsClient;
  modals: ModalStacks;
  ephemerals: EphemeralLog;
  responses: ResponseUrls;
  triggers: Triggers;
  logger: Logger;
}

/** The outcome of a click or a message, as the page reports it. */
export interface Delivery {
  ok: boolean;
  /** Why it did not reach the app, in Slack's words when Slack has some. */
  error?: string;
}

export type ClickTarget = { channel: string; ts: string } | { ephemeralId: string };

function channelInfo(id: string): { id: string; name: string } {
  const known = Object.values(SANDBOX_CHANNELS).find((c) => c.id === id);
  return { id, name: known?.name ?? (id.startsWith('D') ? 'directmessage' : id.toLowerCase()) };
}

/**
 * A mention or link as Slack's composer writes it when someone picks a person, a channel or a
 * user group, or pastes a link (`<@U…>`, `<#C…|name>`, `<https://…|label>`). The sandbox page has
 * no pickers, so typing the sequence stands for picking. Broadcasts (`<!here>`, `<!channel>`) are
 * not among them: typed, they stay the text they are.
 */
const COMPOSED = /<(?:[@#][UWCG][A-Z0-9]+|!subteam\^[A-Z0-9]+|(?:https?:\/\/|mailto:)[^<>|\s]+)(?:\|[^<>|]*)?>/g;

const escapeChars = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What a Slack client sends for typed text: &, < and > escaped, since Slack's own markup (links,
 * mentions) uses them. Typing `<b>x</b>` shows those characters; it never becomes markup. A
 * mention or link the composer would have made (see COMPOSED) is sent as Slack sends it.
 */
export function escapeTyped(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(COMPOSED)) {
    out += `${escapeChars(text.slice(at, m.index))}${m[0]}`;
    at = m.index + m[0].length;
  }
  return out + escapeChars(text.slice(at));
}

function messageJson(m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks ?? undefined,
    thread_ts: m.threadTs ?? undefined,
    metadata: m.metadata ?? undefined,
  };
}

/**
 * Plays Slack's part for a person using the sandbox page: turns their clicks, modal
 * submissions, slash commands and messages into the signed requests Slack would send to the
 * app's `/slack/events`, and applies the app's answers (modal stacks, command responses).
 */
export class SlackEmulator {
  constructor(private readonly deps: EmulatorDeps) {}

  /** A button (or select) on a channel message or on an ephemeral message. */
  async click(user: SandboxUser, target: ClickTarget, path: ElementPath, input: ElementInput = {}): Promise<Delivery> {
    const { ws, triggers, responses } = this.deps;
    let blocks: unknown[] | null;
    let container: Parameters<typeof messageActionBody>[0]['container'];
    let original: ResponseTarget['original'];
    if ('ephemeralId' in target) {
      const e: SandboxEphemeral | undefined = this.deps.ephemerals.find(target.ephemeralId);
      if (!e || e.user !== user.id) return { ok: false, error: 'message_not_found' };
      blocks = e.blocks;
      container = {
        channel: channelInfo(e.channel),
        messageTs: e.ts,
        threadTs: e.threadTs,
        isEphemeral: true,
        message: { type: 'message', ts: e.ts, text: e.text, blocks: e.blocks ?? undefined },
      };
      original = { kind: 'ephemeral', id: e.id };
    } else {
      const m = ws.find(target.channel, target.ts);
      if (!m) return { ok: false, error: 'message_not_found' };
      blocks = m.blocks;
      container = { channel: channelInfo(m.channel), messageTs: m.ts, threadTs: m.threadTs, isEphemeral: false, message: messageJson(m) };
      original = { kind: 'message', ts: m.ts };
    }
    const found = findElement(blocks, path);
    if (!found) return { ok: false, error: 'element_not_found' };
    const responseUrl = responses.issue({
      user: user.id,
      channel: container.channel.id,
      threadTs: container.threadTs ?? null,
      original,
      command: null,
    });
    const body = messageActionBody({
      user,
      container,
      action: actionFor(found, input, triggers.actionTs()),
      triggerId: triggers.issue(user.id),
      responseUrl,
    });
    return this.#deliver(() => this.deps.events.postForm(body));
  }

  #viewPayload(user: SandboxUser, viewId: string, inputs: ViewInputs): ViewPayload | null {
    const stored = this.deps.modals.topView(user.id, viewId);
    if (!stored) return null;
    const view = stored.view;
    const { root, previous } = this.deps.modals.neighbours(user.id, viewId);
    const blocks = Array.isArray(view.blocks) ? (view.blocks as unknown[]) : [];
    return {
      ...view,
      id: viewId,
      team_id: this.deps.ws.teamId,
      type: String(view.type ?? 'modal'),
      hash: this.deps.modals.hashOf(viewId),
      blocks,
      state: { values: viewState(blocks, inputs) },
      root_view_id: root,
      previous_view_id: previous,
      app_id: 'ASANDBOX',
      bot_id: 'BKLAXON',
    };
  }

  /** An element inside an open modal that dispatches actions (selects, live text inputs). */
  async viewAction(user: SandboxUser, viewId: string, path: ElementPath, inputs: ViewInputs, input: ElementInput = {}): Promise<Delivery> {
    const view = this.#viewPayload(user, viewId, inputs);
    if (!view) return { ok: false, error: 'view_not_found' };
    const found = findElement(view.blocks, path);
    if (!found) return { ok: false, error: 'element_not_found' };
    const body = viewActionBody({
      user,
      view,
      action: actionFor(found, input, this.deps.triggers.actionTs()),
      triggerId: this.deps.triggers.issue(user.id),
    });
    return this.#deliver(() => this.deps.events.postForm(body));
  }

  async submit(user: SandboxUser, viewId: string, inputs: ViewInputs): Promise<SubmitOutcome> {
    const view = this.#viewPayload(user, viewId, inputs);
    if (!view) return { status: 'failed' };
    const res = await this.deps.events.postForm(viewSubmissionBody({ user, view, triggerId: this.deps.triggers.issue(user.id) }));
    return this.deps.modals.applySubmission(user.id, viewId, res.status, res.text);
  }

  /** Closes the top modal; tells the app when the view asked for it (`notify_on_close`). */
  async closeView(user: SandboxUser, viewId: string, inputs: ViewInputs): Promise<void> {
    const view = this.#viewPayload(user, viewId, inputs);
    if (!view) return;
    this.deps.modals.close(user.id, viewId);
    if (view.notify_on_close === true)
      await this.#deliver(() => this.deps.events.postForm(viewClosedBody({ user, view, isCleared: false })));
  }

  /** What the person typed in a channel's or a thread's message box: a slash command or a message. */
  async say(user: SandboxUser, channel: string, text: string, threadTs: string | null): Promise<Delivery> {
    const trimmed = text.trim();
    if (!trimmed) return { ok: false, error: 'no_text' };
    if (trimmed.startsWith('/')) return this.#command(user, channel, trimmed, threadTs);
    return this.#message(user, channel, trimmed, threadTs);
  }

  async #command(user: SandboxUser, channel: string, line: string, threadTs: string | null): Promise<Delivery> {
    const { ephemerals, responses, triggers } = this.deps;
    const [command = '', ...rest] = line.split(/\s+/);
    const say = (text: string) =>
      ephemerals.add({ channel, user: user.id, threadTs, text, blocks: null, origin: 'command', command: line });
    if (!KNOWN_COMMANDS.has(command)) {
      // Slack answers an unknown command with one message in place and nothing else: the person
      // has been told, so the page must not pile an error on top of it.
      const near = command.length > 1 && '/klaxon'.startsWith(command.toLowerCase()) ? ' Did you mean /klaxon?' : '';
      say(`${command} is not a valid command.${near} In the sandbox, the command is /klaxon (try /klaxon help).`);
      return { ok: true };
    }
    const responseUrl = responses.issue({ user: user.id, channel, threadTs, original: null, command: line });
    const body = slashCommandBody({
      user,
      channel: channelInfo(channel),
      command,
      text: escapeTyped(rest.join(' ')),
      triggerId: triggers.issue(user.id),
      responseUrl,
    });
    const res = await this.deps.events.postForm(body).catch((error: unknown) => ({ status: 0, text: String(error) }));
    if (res.status !== 200) {
      say(`${command} failed with the error "dispatch_failed" (the app answered ${res.status || 'nothing'})`);
      return { ok: false, error: 'dispatch_failed' };
    }
    if (!res.text.trim()) return { ok: true }; // acknowledged silently; any answer comes through the response_url
    let answer: { text?: string; blocks?: unknown[]; response_type?: string };
    try {
      answer = JSON.parse(res.text) as typeof answer;
    } catch {
      answer = { text: res.text };
    }
    const content = { text: answer.text ?? '', blocks: Array.isArray(answer.blocks) ? answer.blocks : null };
    // Slack checks a command's answer like any message; a refused one is an error, not a message.
    const refusal = messageRefusal({ text: content.text, blocks: answer.blocks });
    if (refusal) {
      this.deps.ws.refused({ method: `${command} response`, error: refusal.error, errors: refusal.errors ?? [] });
      say(`${command} failed with the error "${refusal.error}"`);
      return { ok: false, error: refusal.error };
    }
    if (answer.response_type === 'in_channel') {
      this.deps.ws.messages.push({
        channel,
        ts: this.deps.ws.nextTs(),
        user: this.deps.ws.botUserId,
        ...content,
        threadTs,
        metadata: null,
        edited: 0,
        files: [],
      });
      this.deps.ws.changed();
    } else {
      ephemerals.add({ channel, user: user.id, threadTs, ...content, origin: 'command', command: line });
    }
    return { ok: true };
  }

  /** A person's message: stored like Slack stores it, then delivered as a `message` event. */
  async #message(user: SandboxUser, channel: string, typed: string, threadTs: string | null): Promise<Delivery> {
    const { ws, triggers } = this.deps;
    const text = escapeTyped(typed);
    if (threadTs && !ws.find(channel, threadTs)) return { ok: false, error: 'thread_not_found' };
    const ts = ws.nextTs();
    ws.messages.push({ channel, ts, user: user.id, text, blocks: null, threadTs, metadata: null, edited: 0, files: [] });
    ws.changed();
    const event = {
      type: 'message',
      channel,
      user: user.id,
      text,
      ts,
      event_ts: ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      channel_type: channel.startsWith('D') ? 'im' : 'channel',
      team: ws.teamId,
    };
    return this.#deliver(() =>
      this.deps.events.postJson(
        eventCallback({ event, eventId: triggers.unique('Ev'), botUserId: ws.botUserId, nowSeconds: Math.floor(Date.now() / 1000) }),
      ),
    );
  }

  /** The person opened the app's Home tab (`app_home_opened`); the app answers with `views.publish`. */
  async openHome(user: SandboxUser): Promise<Delivery> {
    const { ws, triggers } = this.deps;
    const event = { type: 'app_home_opened', user: user.id, channel: dmChannelOf(user.id), tab: 'home', event_ts: triggers.actionTs() };
    return this.#deliver(() =>
      this.deps.events.postJson(
        eventCallback({ event, eventId: triggers.unique('Ev'), botUserId: ws.botUserId, nowSeconds: Math.floor(Date.now() / 1000) }),
      ),
    );
  }

  /** A button on the person's Home tab: `block_actions` from their published Home view. */
  async homeAction(user: SandboxUser, path: ElementPath, input: ElementInput = {}): Promise<Delivery> {
    const { ws, triggers } = this.deps;
    const stored = ws.views.find((v) => v.triggerId === 'home' && v.user === user.id);
    if (!stored) return { ok: false, error: 'view_not_found' };
    const blocks = Array.isArray(stored.view.blocks) ? (stored.view.blocks as unknown[]) : [];
    const found = findElement(blocks, path);
    if (!found) return { ok: false, error: 'element_not_found' };
    const view: ViewPayload = {
      ...stored.view,
      id: stored.id,
      team_id: ws.teamId,
      type: 'home',
      hash: `home-${stored.id}`,
      blocks,
      state: { values: {} },
      root_view_id: stored.id,
      previous_view_id: null,
      app_id: 'ASANDBOX',
      bot_id: 'BKLAXON',
    };
    const body = viewActionBody({ user, view, action: actionFor(found, input, triggers.actionTs()), triggerId: triggers.issue(user.id) });
    return this.#deliver(() => this.deps.events.postForm(body));
  }

  async #deliver(send: () => Promise<{ status: number; text: string }>): Promise<Delivery> {
    try {
      const res = await send();
      if (res.status === 200) return { ok: true };
      this.deps.logger.warn('sandbox: the app refused a Slack request', { status: res.status });
      return { ok: false, error: `the app answered ${res.status}` };
    } catch (error) {
      this.deps.logger.warn('sandbox: could not reach the app', { err: error });
      return { ok: false, error: 'the app did not answer' };
    }
  }
}
