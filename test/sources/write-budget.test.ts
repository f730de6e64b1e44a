import { describe, expect, it } from 'vitest';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import { WriteBudget } from '../../adapters/source-kit/write-budget.js';
import { makeCore } from '../helpers/core.js';

const WINDOWS = [
  { name: 'hour', ms: 3_600_000, limit: 5000 },
  { name: 'day', ms: 86_400_000, limit: 35_000 },
];

describe('a write budget counted on our side (Bluesky: 5,000 points an hour, 35,000 a day)', () => {
  it('lets points through until a window is full, then says how long until they fit, across a restart', async () => {
    const core = makeCore({ now: '2026-11-23T10:00:30Z' });
    const cursors = kvCursorStore(core.handle.db, 'bluesky', core.clock);
    const budget = new WriteBudget({ windows: WINDOWS, cursors, key: 'write-points' });
    await budget.load();
    for (let i = 0; i < 16; i += 1) await budget.spend(3, core.clock.now());
    await budget.spend(4950, core.clock.now());
    expect(budget.used(WINDOWS[0]!, core.clock.now())).toBe(4998);
    expect(budget.waitFor(2, core.clock.now())).toBe(0);
    // 3 more would make 5,001: wait until the minute these were spent has left the hour.
    const wait = budget.waitFor(3, core.clock.now());
    expect(wait).toBe(Date.parse('2026-11-23T11:01:00Z') - core.clock.now().getTime());
    const again = new WriteBudget({ windows: WINDOWS, cursors, key: 'write-points' });
    await again.load();
    expect(again.waitFor(3, core.clock.now())).toBe(wait);
    core.clock.advance(wait);
    expect(again.waitFor(3, core.clock.now())).toBe(0);
    expect(again.used(WINDOWS[1]!, core.clock.now())).toBe(4998);
    core.handle.close();
  });

  it('the day fills too: seven full hours, then the wait is for the oldest hour to leave the day', async () => {
    const core = makeCore({ now: '2026-11-23T00:00:00Z' });
    const budget = new WriteBudget({ windows: WINDOWS, cursors: kvCursorStore(core.handle.db, 'bluesky', core.clock), key: 'wp' });
    await budget.load();
    for (let hour = 0; hour < 7; hour += 1) {
      await budget.spend(5000, core.clock.now());
      core.clock.advance(3_600_000);
    }
    expect(budget.waitFor(3, core.clock.now())).toBe(Date.parse('2026-11-24T00:01:00Z') - core.clock.now().getTime());
    expect(budget.waitFor(40_000, core.clock.now())).toBe(Number.POSITIVE_INFINITY);
    core.handle.close();
  });

  it('a damaged stored value forgets past spending rather than stopping replies', async () => {
    const core = makeCore();
    const cursors = kvCursorStore(core.handle.db, 'bluesky', core.clock);
    await cursors.set('wp', '{not json');
    const budget = new WriteBudget({ windows: WINDOWS, cursors, key: 'wp' });
    await budget.load();
    expect(budget.waitFor(3, core.clock.now())).toBe(0);
    core.handle.close();
  });
});
