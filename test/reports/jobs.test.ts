import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { startJobs } from '../../src/jobs.js';
import { createLogger } from '../../src/log.js';

describe('startJobs (fake timers, injected clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each job at its interval with the injected time, and survives a job that throws', async () => {
    vi.useFakeTimers();
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const lines: string[] = [];
    const logger = createLogger({ level: 'error', write: (l) => lines.push(l) });
    const seen: string[] = [];
    let failures = 0;
    const jobs = startJobs(
      [
        { name: 'sla', everyMs: 30_000, run: (now) => void seen.push(`sla ${now.toISOString()}`) },
        {
          name: 'flaky',
          everyMs: 60_000,
          run: () => {
            failures += 1;
            throw new Error('database is locked');
          },
        },
      ],
      clock,
      logger,
    );
    clock.set('2026-11-23T10:00:30Z');
    await vi.advanceTimersByTimeAsync(30_000);
    clock.set('2026-11-23T10:01:00Z');
    await vi.advanceTimersByTimeAsync(30_000);
    clock.set('2026-11-23T10:02:00Z');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([
      'sla 2026-11-23T10:00:30.000Z',
      'sla 2026-11-23T10:01:00.000Z',
      'sla 2026-11-23T10:02:00.000Z',
      'sla 2026-11-23T10:02:00.000Z',
    ]);
    expect(failures).toBe(2);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', job: 'flaky', err: { message: 'database is locked' } });

    jobs.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(seen).toHaveLength(4);
  });

  it('never overlaps a slow run with the next one', async () => {
    vi.useFakeTimers();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const jobs = startJobs(
      [
        {
          name: 'slow',
          everyMs: 1000,
          run: async () => {
            runs += 1;
            running += 1;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((r) => setTimeout(r, 3500));
            running -= 1;
          },
        },
      ],
      new ManualClock(0),
      createLogger({ level: 'silent' }),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    jobs.stop();
    expect(maxRunning).toBe(1);
    // Ticks at 1 s, 5 s, 9 s start runs; the ticks in between find one still running.
    expect(runs).toBe(3);
  });
});
