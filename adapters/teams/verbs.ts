/**
 * The verbs of Klaxon's Action.Execute buttons (`adaptiveCard/action` invokes). Each action's
 * data repeats its verb as `klaxonVerb`, so the Action.Submit fallback of older clients (a
 * message whose `value` is that data) routes to the same handler.
 */
export const VERB = {
  claim: 'klaxon.claim',
  reopen: 'klaxon.reopen',
  retryReply: 'klaxon.retryReply',
  openReply: 'klaxon.reply.open',
  openDm: 'klaxon.dm.open',
  openHandoff: 'klaxon.handoff.open',
  openEscalate: 'klaxon.escalate.open',
  openResolve: 'klaxon.resolve.open',
  /** The customer's whole text, a page at a time (for the clicker only). */
  fullText: 'klaxon.fulltext',
  /** Back to the case card from a form, changing nothing. */
  cancel: 'klaxon.cancel',
  replyPreview: 'klaxon.reply.preview',
  replySend: 'klaxon.reply.send',
  /** After a privacy refusal: the stored draft goes out as a private message. */
  replyAsDm: 'klaxon.reply.asDm',
  dmSend: 'klaxon.dm.send',
  handoffSend: 'klaxon.handoff.send',
  escalateSend: 'klaxon.escalate.send',
  resolveSend: 'klaxon.resolve.send',
} as const;

export type Verb = (typeof VERB)[keyof typeof VERB];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (Object.values(VERB) as string[]).includes(value);
}
