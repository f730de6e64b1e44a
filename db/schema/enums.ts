/**
 * Enum values as `as const` tuples: one source of truth reused by the tables, the zod schemas
 * and exhaustive handler registries.
 */
/** Case priorities, highest first (the domain names them in src/domain/priority.ts). */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CASE_STATES = ['open', 'resolved'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_KINDS = ['single', 'incident'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sending', 'done', 'failed', 'uncertain'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const RESPONSE_VIAS = ['klaxon', 'outside'] as const;
export type ResponseVia = (typeof RESPONSE_VIAS)[number];
