/**
 * Where a case stands against one SLA target, as cards, notices and reports show it. Computed by
 * src/sla/status.ts (which says how met, missed and the remaining time are decided).
 */
export type SlaPhase = 'ok' | 'at_risk' | 'breached' | 'met' | 'missed';
export type SlaTarget = 'first_response' | 'resolution';

export interface SlaStatus {
  dueAt: Date;
  warnAt: Date;
  phase: SlaPhase;
  /** Business ms left until due; negative when overdue (src/sla/status.ts says how met and missed freeze it). */
  remainingMs: number;
  target: SlaTarget;
}
