export { claimCase } from './verbs/claim.js';
export { releaseCase } from './verbs/release.js';
export { resolveCase, type ResolveInput } from './verbs/resolve.js';
export { reopenCase } from './verbs/reopen.js';
export type { CaseContext, VerbResult } from './context.js';
export type { Actor } from './events.js';
export { formatCaseRef, parseCaseRef } from './refs.js';
export { loadCaseView, toCaseView } from './view.js';
