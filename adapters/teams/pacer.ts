/**
 * Teams' limit on a bot: about 7 operations per second and 1,800 per hour in one conversation.
 * The windows are sliding — seven posts at the end of one second and seven at the start of the
 * next are fourteen within a second to Teams — so each conversation remembers when its recent
 * operations went out and waits until the oldest leaves the window.
 */
export interface ConversationLimits {
  perSecond: number;
  perHour: number;
}

export const TEAMS_LIMITS: ConversationLimits = { perSecond: 7, perHour: 1800 };

/** The time the pacer reads and waits on; injected in tests so nothing waits for real. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const SECOND = 1000;
const HOUR = 3_600_000;

export class SlidingWindowPacer {
  readonly #sent = new Map<string, number[]>();

  constructor(
    private readonly limits: ConversationLimits,
    private readonly clock: PacerClock = realPacerClock,
  ) {}

  /** How long an operation in this conversation must wait now (0 = it may go). */
  waitMs(conversation: string): number {
    const now = this.clock.now();
    const times = (this.#sent.get(conversation) ?? []).filter((t) => t > now - HOUR);
    this.#sent.set(conversation, times);
    const { perSecond, perHour } = this.limits;
    const inSecond = times.filter((t) => t > now - SECOND);
    let wait = 0;
    if (inSecond.length >= perSecond) wait = Math.max(wait, inSecond[inSecond.length - perSecond]! + SECOND - now);
    if (times.length >= perHour) wait = Math.max(wait, times[times.length - perHour]! + HOUR - now);
    return wait;
  }

  /** Waits until an operation in this conversation may go. */
  async waitTurn(conversation: string): Promise<void> {
    for (let wait = this.waitMs(conversation); wait > 0; wait = this.waitMs(conversation)) await this.clock.sleep(wait + 1);
  }

  /**
   * Counts an operation once its answer is back (or it failed). Teams counts it when it arrives,
   * which is no later than that — counting earlier would let the next one through too soon when
   * this one was slow to leave (the first call of a conversation waits for the bot's token).
   * Callers run one conversation's operations one at a time (the transport's queue).
   */
  record(conversation: string): void {
    const times = this.#sent.get(conversation) ?? [];
    times.push(this.clock.now());
    this.#sent.set(conversation, times);
  }

  /** Runs one operation within the limits. */
  async run<T>(conversation: string, operation: () => Promise<T>): Promise<T> {
    await this.waitTurn(conversation);
    try {
      return await operation();
    } finally {
      this.record(conversation);
    }
  }
}
