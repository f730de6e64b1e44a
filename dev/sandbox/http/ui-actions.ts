import { z } from 'zod';
import type { SlackEmulator } from '../emulator/emulator.js';
import type { Customers } from '../network/customers.js';
import { mentionFormSchema } from '../network/customers.js';
import { sandboxUser } from '../people.js';

/** The page's actions: each names the sandbox person doing it (the page's user switcher). */
const person = z.string().refine((id) => sandboxUser(id) !== undefined, 'is not a sandbox user');
const path = z.object({ block: z.number().int().min(0), element: z.union([z.number().int().min(0), z.literal('accessory')]) });
const input = z.object({
  value: z.string().max(10_000).nullable().optional(),
  selected: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
});
const inputs = z.record(z.string(), z.record(z.string(), input));

const schemas = {
  click: z.object({
    user: person,
    channel: z.string().optional(),
    ts: z.string().optional(),
    ephemeralId: z.string().optional(),
    path,
    input: input.optional(),
  }),
  'view-action': z.object({ user: person, viewId: z.string(), path, inputs, input: input.optional() }),
  submit: z.object({ user: person, viewId: z.string(), inputs }),
  close: z.object({ user: person, viewId: z.string(), inputs: inputs.default({}) }),
  say: z.object({ user: person, channel: z.string().min(1), text: z.string().max(4000), threadTs: z.string().nullable().optional() }),
  home: z.object({ user: person }),
  'home-click': z.object({ user: person, path, input: input.optional() }),
  mention: mentionFormSchema.extend({ user: person }),
  replay: z.object({ user: person }),
} as const;

export type UiAction = keyof typeof schemas;
export const UI_ACTIONS = Object.keys(schemas) as UiAction[];

export type UiResult = { status: number; body: unknown };

const bad = (error: z.ZodError): UiResult => ({
  status: 400,
  body: { ok: false, error: error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ') },
});

/** Runs one page action; the answer is what the page shows (or nothing when the change arrives live). */
export async function runUiAction(
  action: UiAction,
  raw: unknown,
  deps: { emulator: SlackEmulator; customers: Customers },
): Promise<UiResult> {
  const { emulator, customers } = deps;
  switch (action) {
    case 'click': {
      const p = schemas.click.safeParse(raw);
      if (!p.success) return bad(p.error);
      const target = p.data.ephemeralId ? { ephemeralId: p.data.ephemeralId } : { channel: p.data.channel ?? '', ts: p.data.ts ?? '' };
      return { status: 200, body: await emulator.click(sandboxUser(p.data.user)!, target, p.data.path, p.data.input) };
    }
    case 'view-action': {
      const p = schemas['view-action'].safeParse(raw);
      if (!p.success) return bad(p.error);
      return {
        status: 200,
        body: await emulator.viewAction(sandboxUser(p.data.user)!, p.data.viewId, p.data.path, p.data.inputs, p.data.input),
      };
    }
    case 'submit': {
      const p = schemas.submit.safeParse(raw);
      if (!p.success) return bad(p.error);
      return { status: 200, body: await emulator.submit(sandboxUser(p.data.user)!, p.data.viewId, p.data.inputs) };
    }
    case 'close': {
      const p = schemas.close.safeParse(raw);
      if (!p.success) return bad(p.error);
      await emulator.closeView(sandboxUser(p.data.user)!, p.data.viewId, p.data.inputs);
      return { status: 200, body: { ok: true } };
    }
    case 'say': {
      const p = schemas.say.safeParse(raw);
      if (!p.success) return bad(p.error);
      return { status: 200, body: await emulator.say(sandboxUser(p.data.user)!, p.data.channel, p.data.text, p.data.threadTs ?? null) };
    }
    case 'home': {
      const p = schemas.home.safeParse(raw);
      if (!p.success) return bad(p.error);
      return { status: 200, body: await emulator.openHome(sandboxUser(p.data.user)!) };
    }
    case 'home-click': {
      const p = schemas['home-click'].safeParse(raw);
      if (!p.success) return bad(p.error);
      return { status: 200, body: await emulator.homeAction(sandboxUser(p.data.user)!, p.data.path, p.data.input) };
    }
    case 'mention': {
      const p = schemas.mention.safeParse(raw);
      if (!p.success) return bad(p.error);
      const { user: _user, ...form } = p.data;
      const answer = await customers.mention(form);
      return { status: 200, body: { ok: answer.status === 202, ingest: answer } };
    }
    case 'replay': {
      const p = schemas.replay.safeParse(raw);
      if (!p.success) return bad(p.error);
      const answer = await customers.replay();
      return { status: 200, body: { ok: answer.status === 202, ingest: answer } };
    }
  }
}
