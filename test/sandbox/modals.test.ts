import { describe, expect, it } from 'vitest';
import { ModalStacks } from '../../dev/sandbox/emulator/modals.js';
import { Triggers } from '../../dev/sandbox/emulator/triggers.js';
import { METHODS } from '../../dev/sandbox/slack-api/methods.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';

/** A Web API call as the local API applies it: the method's effect, then the recorded call. */
function call(ws: SlackWorkspace, method: string, args: Record<string, unknown>) {
  const result = METHODS[method]!(ws, args, { baseUrl: 'http://127.0.0.1:1/sandbox' });
  ws.record(method, args);
  return result as { ok: boolean; view?: { id: string } };
}

function setup() {
  const ws = new SlackWorkspace({ now: () => 1_800_000_000_000 });
  const triggers = new Triggers();
  const modals = new ModalStacks(ws, triggers);
  ws.onChange(() => modals.sync());
  const modal = (title: string) =>
    JSON.stringify({ type: 'modal', callback_id: title, title: { type: 'plain_text', text: title }, blocks: [] });
  return { ws, triggers, modals, modal };
}

describe('modal stacks (what Slack shows each person)', () => {
  it('views.open goes to the person whose trigger it used; views.push stacks on top; a plain acknowledgement closes only the top', () => {
    const { ws, triggers, modals, modal } = setup();
    const alex = triggers.issue('UALEX');
    const first = call(ws, 'views.open', { trigger_id: alex, view: modal('first') }).view!.id;
    expect(modals.stackOf('UALEX').map((m) => m.id)).toEqual([first]);
    expect(modals.stackOf('USAM')).toEqual([]);

    const second = call(ws, 'views.push', { trigger_id: triggers.issue('UALEX'), view: modal('second') }).view!.id;
    expect(modals.stackOf('UALEX').map((m) => m.id)).toEqual([first, second]);
    expect(modals.topView('UALEX', first)).toBeUndefined(); // only the top view can be used
    expect(modals.neighbours('UALEX', second)).toEqual({ root: first, previous: first });

    expect(modals.applySubmission('UALEX', second, 200, '')).toEqual({ status: 'closed' });
    expect(modals.stackOf('UALEX').map((m) => m.id)).toEqual([first]);
  });

  it('views.update changes the hash; response_action update/errors/push/clear act as Slack documents them', () => {
    const { ws, triggers, modals, modal } = setup();
    const id = call(ws, 'views.open', { trigger_id: triggers.issue('UALEX'), view: modal('form') }).view!.id;
    const before = modals.hashOf(id);
    call(ws, 'views.update', { view_id: id, view: modal('form v2') });
    expect(modals.hashOf(id)).not.toBe(before);
    expect(modals.stackOf('UALEX')[0]!.view).toMatchObject({ callback_id: 'form v2' });

    expect(modals.applySubmission('UALEX', id, 200, JSON.stringify({ response_action: 'errors', errors: { note: 'Too short' } }))).toEqual({
      status: 'errors',
      errors: { note: 'Too short' },
    });
    expect(modals.stackOf('UALEX')[0]!.errors).toEqual({ note: 'Too short' });

    expect(
      modals.applySubmission('UALEX', id, 200, JSON.stringify({ response_action: 'update', view: JSON.parse(modal('form v3')) })),
    ).toEqual({ status: 'updated' });
    expect(modals.stackOf('UALEX')[0]).toMatchObject({ errors: {}, view: { callback_id: 'form v3' } });

    expect(
      modals.applySubmission('UALEX', id, 200, JSON.stringify({ response_action: 'push', view: JSON.parse(modal('confirm')) })),
    ).toEqual({ status: 'pushed' });
    expect(modals.stackOf('UALEX').map((m) => m.view.callback_id)).toEqual(['form v3', 'confirm']);

    expect(modals.applySubmission('UALEX', id, 200, JSON.stringify({ response_action: 'clear' }))).toEqual({ status: 'cleared' });
    expect(modals.stackOf('UALEX')).toEqual([]);
  });

  it('an app that does not acknowledge leaves the modal open', () => {
    const { ws, triggers, modals, modal } = setup();
    const id = call(ws, 'views.open', { trigger_id: triggers.issue('UALEX'), view: modal('form') }).view!.id;
    expect(modals.applySubmission('UALEX', id, 500, '')).toEqual({ status: 'failed', httpStatus: 500 });
    expect(modals.applySubmission('UALEX', id, 200, 'not json')).toEqual({ status: 'failed', httpStatus: 200 });
    expect(modals.stackOf('UALEX')).toHaveLength(1);
  });

  it('a views.open with a trigger the sandbox never issued opens nothing for anyone', () => {
    const { ws, modals, modal } = setup();
    call(ws, 'views.open', { trigger_id: 'forged.1.x', view: modal('form') });
    expect(modals.stackOf('UALEX')).toEqual([]);
  });
});
