import { KlaxonError } from '../errors.js';
import type { CaseView } from '../ports.js';
import type { CaseContext } from './context.js';
import type { Actor } from './events.js';
import { assertCanRead } from './permissions.js';
import { formatCaseRef } from './refs.js';
import { loadCaseView } from './view.js';

/**
 * A case as a reader sees it — the customer's whole text, which a card shows only in part —
 * for whoever may read cases (`permissions.viewers`, CONTRACT §9), on every platform. Seeing a
 * card in a channel is not enough: channels have members who are not on the list.
 */
export function readCase({ ctx, input }: { ctx: CaseContext; input: { caseId: number; actor: Actor } }): CaseView {
  assertCanRead(input.actor, ctx.permissions);
  const view = loadCaseView(ctx.db, input.caseId, ctx.clock.now(), ctx.sla);
  if (!view) throw new KlaxonError('not_found', `${formatCaseRef(input.caseId)} does not exist.`);
  return view;
}
