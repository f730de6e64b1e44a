import { afterEach, describe, expect, it } from 'vitest';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { spikeConfigSchema } from '../../src/reports/spike-config.js';
import { runSpikeTick } from '../../src/reports/spikes.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';
import { startSlackRig, type SlackRig } from './slack-rig.js';

describe('spike alert as Slack sees it', () => {
  let core: Core;
  let rig: SlackRig;
  afterEach(async () => {
    await rig.close();
    core.handle.close();
  });

  it('posts one alert with numbers and examples to the escalation channel', async () => {
    core = makeCore({ now: '2026-11-23T10:10:00Z' });
    rig = await startSlackRig({ db: core.handle.db, clock: core.clock, sla: slaConfigSchema.parse({}) });
    // 30 furious customers in five minutes, through the real ingest and scorer.
    const burst = Array.from({ length: 30 }, (_, i) =>
      parsed(
        mention({
          id: `b${i}`,
          text: 'Your app is down again, this is terrible and useless, I want a refund now',
          createdAt: new Date(Date.parse('2026-11-23T10:04:00Z') + i * 10_000).toISOString(),
        }),
      ),
    );
    await ingestMentions(core.ingest, burst);
    const deps = {
      db: core.handle.db,
      config: spikeConfigSchema.parse({}),
      escalation: { channel: 'CESCALATE', onCall: 'S0LEADS' },
      onCommitted: () => rig.worker.kick(),
    };
    expect((await runSpikeTick(deps, core.clock.now())).alert).not.toBeNull();
    expect((await runSpikeTick(deps, new Date(Date.parse('2026-11-23T10:11:00Z')))).alert).toBeNull();
    await rig.worker.drain();
    const posted = rig.workspace.topLevel('CESCALATE');
    expect(posted).toHaveLength(1);
    const text = JSON.stringify(posted[0]!.blocks);
    expect(text).toContain('Spike detected');
    expect(text).toContain('<!subteam^S0LEADS>');
    expect(text).toContain('*30* negative mentions (all sources)');
    expect(text).toContain('this is terrible');
  });
});
