import { openDatabase, type DbHandle } from '../../db/client.js';
import type { CaseContext } from '../../src/cases/context.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { ManualClock } from '../../src/clock.js';
import type { IngestDeps } from '../../src/ingest/ingest.js';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import { scoringConfigSchema } from '../../src/scoring/config.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import type { ReplySource } from '../../src/ports.js';
import type { MentionFixture } from './ingest.js';

export interface Core {
  handle: DbHandle;
  clock: ManualClock;
  ingest: IngestDeps;
  cases: CaseContext;
}

/** The domain core on a fresh in-memory database with the real migrations. */
export function makeCore(
  options: {
    vips?: string[];
    agents?: string[];
    leads?: string[];
    platforms?: ('slack' | 'teams')[];
    now?: string;
    replySources?: Map<string, ReplySource>;
  } = {},
): Core {
  const handle = openDatabase(':memory:');
  const clock = new ManualClock(options.now ?? '2026-11-23T10:00:00Z');
  const sla = slaConfigSchema.parse({});
  return {
    handle,
    clock,
    ingest: {
      db: handle.db,
      clock,
      scoring: scoringConfigSchema.parse({}),
      routing: { rules: [], brands: [], defaults: { slack: 'CTRIAGE' } },
      vips: new VipDirectory(handle.db, options.vips ?? []),
      platforms: options.platforms ?? ['slack'],
    },
    cases: {
      db: handle.db,
      clock,
      permissions: { agents: options.agents ?? [], leads: options.leads ?? [] },
      sla,
      replySources: options.replySources ?? new Map(),
      privatePatterns: [],
      escalation: { targets: { slack: 'CESCALATE' }, onCall: 'S0ONCALL' },
    },
  };
}

export function parsed(fixture: MentionFixture): MentionInput {
  return mentionSchema.parse(fixture);
}
