import { viewProblems } from '../slack-api/block-kit/blocks.js';
import type { SlackWorkspace, StoredView } from '../slack-api/store.js';
import type { Triggers } from './triggers.js';

/** One modal on a person's screen, with what the page needs to draw it. */
export interface OpenModal {
  id: string;
  /** Changes with every update; apps pass it back to `views.update` to detect stale writes. */
  hash: string;
  view: Record<string, unknown>;
  /** Per-block error messages from `response_action: errors`. */
  errors: Record<string, string>;
}

/** What a modal submission did to the person's stack of modals. */
export interface SubmitOutcome {
  status: 'closed' | 'errors' | 'updated' | 'pushed' | 'cleared' | 'failed';
  errors?: Record<string, string>;
  /** The app's HTTP status when it did not acknowledge (Slack shows "We had some trouble"). */
  httpStatus?: number;
}

/**
 * Each person's stack of modals, as Slack keeps it: `views.open` starts a stack, `views.push`
 * adds to it, `views.update` replaces a view in place, and the answer to a submission
 * (`response_action`) closes, updates, pushes, clears or shows errors.
 *
 * The Web API methods only store views; this class reads the recorded calls to learn which
 * call opened what for whom (the trigger id names the person).
 */
export class ModalStacks {
  readonly #stacks = new Map<string, string[]>();
  readonly #hashes = new Map<string, number>();
  readonly #errors = new Map<string, Record<string, string>>();
  #seenCalls = 0;

  constructor(
    private readonly ws: SlackWorkspace,
    private readonly triggers: Triggers,
  ) {}

  /** Catches up with the Web API calls made since the last look. Called on every workspace change. */
  sync(): void {
    const calls = this.ws.calls;
    for (; this.#seenCalls < calls.length; this.#seenCalls += 1) {
      const call = calls[this.#seenCalls]!;
      if (call.method === 'views.open' || call.method === 'views.push') {
        const trigger = String(call.args.trigger_id ?? '');
        const user = this.triggers.userOf(trigger);
        const stored = this.ws.views.findLast((v) => v.triggerId === trigger);
        if (!user || !stored) continue;
        stored.user = user;
        const stack = call.method === 'views.open' ? [] : (this.#stacks.get(user) ?? []);
        stack.push(stored.id);
        this.#stacks.set(user, stack);
      } else if (call.method === 'views.update') {
        const id = String(call.args.view_id ?? '');
        this.#bump(id);
        this.#errors.delete(id);
      }
    }
  }

  #bump(viewId: string): void {
    this.#hashes.set(viewId, (this.#hashes.get(viewId) ?? 0) + 1);
  }

  #stored(viewId: string): StoredView | undefined {
    return this.ws.views.find((v) => v.id === viewId);
  }

  hashOf(viewId: string): string {
    return `${viewId}.${this.#hashes.get(viewId) ?? 0}`;
  }

  /** The modals on this person's screen, bottom first (the last one is visible). */
  stackOf(userId: string): OpenModal[] {
    const ids = this.#stacks.get(userId) ?? [];
    return ids.flatMap((id) => {
      const stored = this.#stored(id);
      return stored ? [{ id, hash: this.hashOf(id), view: stored.view, errors: this.#errors.get(id) ?? {} }] : [];
    });
  }

  /** The view a person may act on: only the top of their own stack. */
  topView(userId: string, viewId: string): StoredView | undefined {
    const ids = this.#stacks.get(userId) ?? [];
    return ids.at(-1) === viewId ? this.#stored(viewId) : undefined;
  }

  /** Ids of the stack's bottom view and the view below this one (Slack reports both). */
  neighbours(userId: string, viewId: string): { root: string | null; previous: string | null } {
    const ids = this.#stacks.get(userId) ?? [];
    const at = ids.indexOf(viewId);
    return { root: ids[0] ?? null, previous: at > 0 ? (ids[at - 1] ?? null) : null };
  }

  close(userId: string, viewId: string): void {
    const ids = this.#stacks.get(userId) ?? [];
    this.#stacks.set(
      userId,
      ids.filter((id) => id !== viewId),
    );
    this.#errors.delete(viewId);
    this.ws.changed();
  }

  /** Applies the app's HTTP answer to a `view_submission` (Slack's `response_action`). */
  applySubmission(userId: string, viewId: string, httpStatus: number, body: string): SubmitOutcome {
    if (httpStatus !== 200) return { status: 'failed', httpStatus };
    let answer: { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> } = {};
    if (body.trim()) {
      try {
        answer = JSON.parse(body) as typeof answer;
      } catch {
        return { status: 'failed', httpStatus };
      }
    }
    const ids = this.#stacks.get(userId) ?? [];
    if (answer.response_action === 'update' || answer.response_action === 'push') {
      // A view in the answer is checked like one sent with views.update / views.push.
      const problems = viewProblems(answer.view);
      if (problems.length > 0) {
        this.ws.refused({
          method: `view_submission response_action ${answer.response_action}`,
          error: 'invalid_arguments',
          errors: problems,
        });
        return { status: 'failed', httpStatus };
      }
    }
    switch (answer.response_action) {
      case 'errors': {
        const errors = answer.errors ?? {};
        this.#errors.set(viewId, errors);
        this.ws.changed();
        return { status: 'errors', errors };
      }
      case 'update': {
        const stored = this.#stored(viewId);
        if (stored && answer.view) stored.view = answer.view;
        this.#bump(viewId);
        this.#errors.delete(viewId);
        this.ws.changed();
        return { status: 'updated' };
      }
      case 'push': {
        const id = this.ws.nextId('V');
        this.ws.views.push({ id, user: userId, view: answer.view ?? {}, triggerId: '' });
        this.#errors.delete(viewId);
        this.#stacks.set(userId, [...ids, id]);
        this.ws.changed();
        return { status: 'pushed' };
      }
      case 'clear':
        this.#stacks.set(userId, []);
        this.ws.changed();
        return { status: 'cleared' };
      default:
        // A plain acknowledgement closes the submitted view and shows the one below, if any.
        this.close(userId, viewId);
        return { status: 'closed' };
    }
  }
}
