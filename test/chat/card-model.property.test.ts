import fc from 'fast-check';
import type { Button, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderCard, renderMinimalCard } from '../../adapters/slack/blocks/card.js';
import { renderCaseCard } from '../../adapters/teams/cards/case-card.js';
import { ACTION_LABELS, caseActions } from '../../src/cases/actions.js';
import { caseCardModel, chipsText, titleFlags, type CaseCardModel } from '../../src/cases/card-model.js';
import type { Markup } from '../../src/cases/card-text.js';
import { caseView } from '../slack/arbitraries.js';

const RUNS = { numRuns: 80 };

/** The model's buttons without Show full text, whose presence each renderer decides by how much text it shows. */
const labelsBut = (model: CaseCardModel) => model.buttons.filter((b) => b.kind !== 'full_text').map((b) => b.label);

const slackButtons = (blocks: KnownBlock[]): Button[] =>
  blocks.filter((b): b is KnownBlock & { type: 'actions'; elements: Button[] } => b.type === 'actions').flatMap((b) => b.elements);

const teamsActions = (card: any): any[] => (card.body as any[]).filter((e) => e.type === 'ActionSet').flatMap((s) => s.actions);
const teamsTexts = (card: any): string[] =>
  JSON.stringify(card)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)
    ?.map((t) => JSON.parse(`{${t}}`).text as string) ?? [];

/** Markup that shows what is bold and what is escaped, so a line can be read back. */
const MARKED: Markup = {
  bold: (t) => `[${t}]`,
  escape: (t) => `{${t}}`,
  date: (d) => d.toISOString(),
  link: (_u, l) => l,
  owner: (o) => o.id,
};

describe('the neutral case card model', () => {
  it('buttons: the contract buttons for the state, Retry reply when the last reply failed, Show full text when the text is cut', () => {
    fc.assert(
      fc.property(caseView, fc.boolean(), (view, textCut) => {
        const model = caseCardModel(view, { textCut });
        const expected = caseActions(view).map((a) => ACTION_LABELS[a]);
        const retry = view.lastReply?.status === 'failed' || view.lastReply?.status === 'uncertain';
        expect(model.buttons.map((b) => b.label)).toEqual([
          ...expected,
          ...(retry ? ['Retry reply'] : []),
          ...(textCut ? ['Show full text'] : []),
        ]);
        expect(model.buttons.filter((b) => b.style === 'primary').map((b) => b.kind)).toEqual(
          view.owner || view.state !== 'open' ? [] : ['claim'],
        );
        expect(model.buttons.filter((b) => b.style === 'danger').map((b) => b.kind)).toEqual(view.state === 'open' ? ['escalate'] : []);
        // Reply is never offered where the source takes no public reply (a private case answers privately).
        if (!view.publicReply.possible && !view.isPrivate) expect(model.buttons.some((b) => b.kind === 'reply')).toBe(false);
      }),
      RUNS,
    );
  });

  it('title, Why line, storm and chips: Klaxon words stay Klaxon words, outside text is always marked for escaping', () => {
    fc.assert(
      fc.property(caseView, (view) => {
        const model = caseCardModel(view, { textCut: false });
        expect(model.title.head).toBe(`${view.priority} · ${view.ref}`);
        expect(model.title.flags).toEqual([
          ...(view.state === 'resolved' ? ['resolved'] : []),
          ...(view.mentionCount > 1 ? [`${view.mentionCount} messages`] : []),
        ]);
        expect(model.why).toEqual({
          label: `Why ${view.priority}`,
          score: view.score,
          reasons: view.reasons.join(' · ') || 'no strong signal',
        });
        expect(model.storm?.samples.length ?? 0).toBe(view.incident?.samples.length ?? 0);
        for (const s of model.storm?.samples ?? []) expect(s.text).not.toMatch(/\s\s|[\n\t]/);
        const line = chipsText(model.chips, MARKED);
        for (const chip of model.chips)
          if (chip.outside !== null) expect(line).toContain(chip.strong ? `[{${chip.outside}}]` : `{${chip.outside}}`);
        if (view.actionable === false) expect(line).toContain('🚫 no action');
      }),
      RUNS,
    );
  });
});

describe('Slack and Teams render the same model', () => {
  it('Slack: the title line, the Why line and the buttons are the model’s, in Block Kit', () => {
    fc.assert(
      fc.property(caseView, (view) => {
        const model = caseCardModel(view, { textCut: false });
        const { blocks } = renderCard(view);
        const title = (blocks[0] as { text: { text: string } }).text.text;
        expect(title.startsWith(`${model.title.emoji} *${model.title.head}* · `)).toBe(true);
        expect(title.endsWith(titleFlags(model.title))).toBe(true);
        expect(JSON.stringify(blocks)).toContain(JSON.stringify(`*${model.why.label}* (score ${model.why.score}): `).slice(1, -1));
        const buttons = slackButtons(blocks);
        expect(buttons.filter((b) => b.text.text !== 'Show full text').map((b) => b.text.text)).toEqual(labelsBut(model));
        expect(buttons.every((b) => b.value?.startsWith(String(view.id)))).toBe(true);
        if (model.storm)
          expect(JSON.stringify(blocks)).toContain(`🌪 *Storm: ${model.storm.mentions} mentions* · reach ${model.storm.reach}`);
        const minimal = renderMinimalCard(view, 'invalid_blocks');
        expect(
          slackButtons(minimal.blocks)
            .filter((b) => b.text.text !== 'Show full text')
            .map((b) => b.text.text),
        ).toEqual(labelsBut(model));
      }),
      RUNS,
    );
  });

  it('Teams: the title, the Why line and the buttons are the model’s, as Action.Execute verbs with the case id', () => {
    fc.assert(
      fc.property(caseView, (view) => {
        const model = caseCardModel(view, { textCut: false });
        const card = renderCaseCard(view);
        const texts = teamsTexts(card);
        // The source is outside text: Teams' runs may clean it (lone surrogates, controls); Klaxon's words around it stay.
        expect(texts.some((t) => t.startsWith(`${model.title.emoji} ${model.title.head} · `) && t.endsWith(titleFlags(model.title)))).toBe(
          true,
        );
        expect(texts).toContain(model.why.label);
        const actions = teamsActions(card);
        expect(actions.filter((a) => a.title !== 'Show full text').map((a) => a.title)).toEqual(labelsBut(model));
        expect(actions.every((a) => a.data.caseId === view.id && a.verb === a.data.klaxonVerb)).toBe(true);
        const style = (kind: string) => actions.find((a) => a.title === model.buttons.find((b) => b.kind === kind)?.label)?.style;
        if (model.buttons.some((b) => b.kind === 'claim' && b.style === 'primary')) expect(style('claim')).toBe('positive');
        if (model.storm) expect(texts.some((t) => t.startsWith(`🌪 **Storm: ${model.storm!.mentions} mentions**`))).toBe(true);
      }),
      RUNS,
    );
  });
});
