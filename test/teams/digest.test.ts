import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestDigestNow } from '../../src/reports/digest-schedule.js';
import { botAddedToTeam, TEAM } from './activities.js';
import { FakeConnector } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';
import { countedBytes, KLAXON_MESSAGE_BUDGET_BYTES } from './strict-rules.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the daily digest in Teams', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    await h.send(botAddedToTeam(h.connector.url));
  });
  afterEach(async () => {
    await h.close();
  });

  it('is posted with its 14-day chart inline, accepted by the strict connector within the size limit', async () => {
    const start = h.clock.now().getTime();
    // Cases across the fortnight, so the chart has bars and a line to draw.
    for (const day of [13, 10, 7, 5, 2, 0]) {
      h.clock.set(start - day * 86_400_000);
      await h.ingest({
        text: `Day ${day}: my parcel is lost and nobody answers`,
        author: { id: `c${day}`, handle: `customer_${day}`, followers: 1000 * day },
      });
    }
    h.clock.set(start);
    const queued = await requestDigestNow(
      { db: h.db.db, schedule: { time: '08:00', timeZone: 'UTC' }, channels: { teams: TEAM.id }, onCommitted: () => h.worker.kick() },
      h.clock.now(),
    );
    expect(queued).toEqual([{ platform: 'teams', target: TEAM.id }]);
    await h.worker.idle();

    expect(h.connector.refused().map((c) => c.refusal)).toEqual([]);
    const posted = h.connector.topLevel(TEAM.id);
    expect(posted).toHaveLength(1);
    const card = FakeConnector.card(posted[0])!;
    expect(JSON.stringify(card)).toContain('Daily digest');
    const image = card.body.find((e: any) => e.type === 'Image');
    expect(image.altText).toMatch(/last 14 days/);
    const [, base64] = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(image.url)!;
    const png = Buffer.from(base64!, 'base64');
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    // A real chart, far larger than the 16 KB the old card allowed; only the image is left out of the count.
    expect(png.length).toBeGreaterThan(16 * 1024);
    expect(countedBytes(posted[0]!.activity)).toBeLessThan(KLAXON_MESSAGE_BUDGET_BYTES);
  });
});
