import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import type { SlaConfig } from '../sla/config.js';
import type { PermissionsConfig } from './permissions.js';

/** What every case verb needs; built once by the composition root and shared by all adapters. */
export interface CaseContext {
  db: Db;
  clock: Clock;
  permissions: PermissionsConfig;
  sla: SlaConfig;
  /** Wakes the outbox worker after a commit. */
  onCommitted?: () => void;
}

/** What a verb tells the person who asked. `changed: false` means it was already so (idempotent). */
export interface VerbResult {
  caseId: number;
  changed: boolean;
  message: string;
}
