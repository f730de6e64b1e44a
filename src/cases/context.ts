import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import type { PlatformId, ReplySource } from '../ports.js';
import type { AllowList, CustomPattern } from '../replies/privacy.js';
import type { SlaConfig } from '../sla/config.js';
import type { PermissionsConfig } from './permissions.js';

/** What every case verb needs; built once by the composition root and shared by all adapters. */
export interface CaseContext {
  db: Db;
  clock: Clock;
  permissions: PermissionsConfig;
  sla: SlaConfig;
  /** Where replies to each source go (`twitter` → X, `email` → its webhook …). */
  replySources: ReadonlyMap<string, ReplySource>;
  /** Extra patterns the privacy guard refuses in public replies (config `replies.privatePatterns`). */
  privatePatterns: readonly CustomPattern[];
  /** The brand's own phone numbers, addresses and links the guard lets through (config `replies.allow`). */
  replyAllow?: AllowList;
  /** Escalation channel per platform and who to mention there (a user or user-group id). */
  escalation: { targets: Partial<Record<PlatformId, string>>; onCall: string | null };
  /** Wakes the outbox worker after a commit. */
  onCommitted?: () => void;
}

/** What a verb tells the person who asked. `changed: false` means it was already so (idempotent). */
export interface VerbResult {
  caseId: number;
  changed: boolean;
  message: string;
}
