import type { XAccessLevel } from './config.js';

/** What an X API access level allows and costs, as far as Klaxon's reads and writes go. */
export interface AccessProfile {
  /** Requests to `GET /2/users/:id/mentions` X allows per 15 minutes. */
  mentionsPer15Min: number;
  /** The poll interval used when the config names none. */
  defaultPollSeconds: number;
  /** The plan's fixed fee. */
  monthlyUsd: number;
  /** Prices per item (USD) where X bills use; 0 where the fee covers it. */
  prices: Prices;
}

export interface Prices {
  /** A post read (mentions, the stream, looked-up posts). */
  postRead: number;
  /** A post of the brand's own account read: X bills the account's own data for less. */
  ownPostRead: number;
  userRead: number;
  postWrite: number;
  dm: number;
}

const INCLUDED: Prices = { postRead: 0, ownPostRead: 0, userRead: 0, postWrite: 0, dm: 0 };

/**
 * X's documented rate limits for the mentions timeline per plan, and list prices at the time of
 * writing (docs.x.com; the developer portal shows your own). Prices change and contracts differ:
 * `twitter.costs` in the config file replaces them, and the estimate is labelled as one.
 */
export const ACCESS_PROFILES: Record<XAccessLevel, AccessProfile> = {
  // 1 request per 15 minutes: a poll every quarter hour is all the free plan reads.
  free: { mentionsPer15Min: 1, defaultPollSeconds: 900, monthlyUsd: 0, prices: INCLUDED },
  basic: { mentionsPer15Min: 10, defaultPollSeconds: 120, monthlyUsd: 200, prices: INCLUDED },
  pro: { mentionsPer15Min: 450, defaultPollSeconds: 15, monthlyUsd: 5000, prices: INCLUDED },
  // Contracted: limits and price are the contract's (set twitter.costs); Pro's limits as a floor.
  enterprise: { mentionsPer15Min: 450, defaultPollSeconds: 10, monthlyUsd: 0, prices: INCLUDED },
  // Every post read and written is billed; reads of the account's own data cost less.
  pay_per_use: {
    mentionsPer15Min: 450,
    defaultPollSeconds: 60,
    monthlyUsd: 0,
    prices: { postRead: 0.005, ownPostRead: 0.001, userRead: 0.01, postWrite: 0.015, dm: 0.015 },
  },
};

export interface CostOverrides {
  monthlyUsd?: number;
  postReadUsd?: number;
  ownPostReadUsd?: number;
  userReadUsd?: number;
  postWriteUsd?: number;
  dmUsd?: number;
}

/** The level's profile with the config's prices applied. */
export function accessProfile(level: XAccessLevel, costs: CostOverrides = {}): AccessProfile {
  const base = ACCESS_PROFILES[level];
  return {
    ...base,
    monthlyUsd: costs.monthlyUsd ?? base.monthlyUsd,
    prices: {
      postRead: costs.postReadUsd ?? base.prices.postRead,
      ownPostRead: costs.ownPostReadUsd ?? base.prices.ownPostRead,
      userRead: costs.userReadUsd ?? base.prices.userRead,
      postWrite: costs.postWriteUsd ?? base.prices.postWrite,
      dm: costs.dmUsd ?? base.prices.dm,
    },
  };
}
