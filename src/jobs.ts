import type { Clock } from './clock.js';
import type { Logger } from './log.js';

export interface Job {
  name: string;
  everyMs: number;
  /** Gets the injected clock's time; every job computes from stored state, so a missed run is harmless. */
  run: (now: Date) => void | Promise<void>;
}

/**
 * Runs periodic jobs (SLA timers, digest schedule, spike checks). Each job has its own timer,
 * unref'd so it never keeps the process alive. A run that throws is logged and the next run
 * happens as usual; a run still going when the next is due is not overlapped (the tick is
 * skipped), so a slow database never piles runs up.
 */
export function startJobs(jobs: readonly Job[], clock: Clock, logger: Logger): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running || stopped) return;
      running = true;
      try {
        await job.run(clock.now());
      } catch (error) {
        logger.error('background job failed; it will run again at its next interval', { job: job.name, err: error });
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
    },
  };
}
