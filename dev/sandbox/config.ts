import type { Config } from '../../src/config/load.js';
import { SANDBOX_CHANNELS, SANDBOX_USERS } from './people.js';
import { SAMPLES, SAMPLE_VIPS } from './samples.js';

/** What the sandbox generates for one run; none of it ever reaches the browser. */
export interface SandboxSecrets {
  botToken: string;
  signingSecret: string;
  /** Signs the replies Klaxon sends to the sandbox's stand-in social networks. */
  replySecret: string;
}

/** The settings the sandbox supplies, as the environment variables a real Slack set-up would use. */
export function sandboxEnv(selfUrl: string, secrets: SandboxSecrets): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: `${selfUrl}/sandbox/api/`,
    TRIAGE_CHANNEL: SANDBOX_CHANNELS.triage.id,
    ESCALATION_CHANNEL: SANDBOX_CHANNELS.escalation.id,
    DIGEST_CHANNEL: SANDBOX_CHANNELS.digest.id,
  };
}

const SAVED_REPLIES = [
  {
    id: 'sorry-wait',
    title: 'Sorry for the wait',
    text:
      'Hi {first_name}, sorry for the wait and thanks for your patience. We are looking into this now and will update you here ' +
      'shortly.',
  },
  {
    id: 'move-to-dm',
    title: 'Let us take this to DM',
    text:
      'Hi {first_name}, we would like to help with this. Could you send us a DM with your order or account details (please do not ' +
      'post them here)?',
  },
  {
    id: 'outage',
    title: 'Known outage',
    text:
      'Hi {first_name}, we are sorry: there is a network problem in your area and our engineers are on it. ' +
      'We will post updates here as soon as we know more.',
  },
  {
    id: 'thanks',
    title: 'Thanks for the kind words',
    text: 'Thank you so much {first_name}, that made our day! We will pass it on to the team.',
  },
] as const;

/** Every source the samples and the form use: each gets a reply webhook into the sandbox. */
export const SANDBOX_SOURCES = [
  ...new Set([
    'twitter',
    'bluesky',
    'mastodon',
    'facebook',
    'instagram',
    'review',
    'email',
    'chat',
    'web',
    ...SAMPLES.map((s) => s.source),
  ]),
];

/**
 * A source configured for real (its own credentials) answers its customers itself: the sandbox
 * never puts its stand-in network in front of it.
 */
function configuredForReal(source: string, env: Config['env']): boolean {
  switch (source) {
    case 'twitter':
      return Boolean(env.TWITTER_ACCESS_TOKEN);
    case 'bluesky':
      return Boolean(env.BLUESKY_HANDLE);
    case 'mastodon':
      return Boolean(env.MASTODON_URL);
    case 'email':
      return Boolean(env.SMTP_URL);
    default:
      return false;
  }
}

/**
 * The configuration Klaxon runs with in sandbox mode: the given one, with Slack pointed at the
 * sandbox and enough filled in to try the whole workflow — a team lead (leads may act on any
 * case), an on-call person for escalations, the samples' VIP, a few saved replies, and a reply
 * webhook per source so replies reach the sandbox's stand-in networks. Anything the config
 * file already sets is kept.
 */
export function sandboxConfig(config: Config, selfUrl: string, secrets: SandboxSecrets): Config {
  const own = sandboxEnv(selfUrl, secrets);
  const env = { ...config.env, ...own };
  // Slack's channels are the sandbox's own (its variables win over the file, as a real Slack's do).
  const channels = { triage: own.TRIAGE_CHANNEL, escalation: own.ESCALATION_CHANNEL, digest: own.DIGEST_CHANNEL };
  const file = config.file;
  const leads = SANDBOX_USERS.filter((u) => u.lead).map((u) => u.id);
  const sources = { ...file.sources };
  for (const source of SANDBOX_SOURCES) {
    if (configuredForReal(source, env)) continue;
    if (!sources[source]?.replyWebhook)
      sources[source] = { replyWebhook: { url: `${selfUrl}/sandbox/outbound/${source}`, secret: secrets.replySecret } };
  }
  return {
    ...config,
    env,
    targets: { ...config.targets, slack: channels },
    channels,
    file: {
      ...file,
      // A trial on this machine: mentions may be posted unsigned from here (loopback only), as the
      // quick start does with curl. With INGEST_SECRET set, requests must still be signed.
      ingest: { ...file.ingest, allowUnsigned: true },
      vips: [...new Set([...file.vips, ...SAMPLE_VIPS])],
      permissions: {
        // An empty agents list lets everyone act; a configured one must not lock the sandbox people out.
        agents: file.permissions.agents.length > 0 ? [...new Set([...file.permissions.agents, ...SANDBOX_USERS.map((u) => u.id)])] : [],
        leads: [...new Set([...file.permissions.leads, ...leads])],
        ...(file.permissions.viewers ? { viewers: file.permissions.viewers } : {}),
      },
      escalation: { ...file.escalation, onCall: file.escalation.onCall ?? leads[0] },
      replies: { ...file.replies, saved: file.replies.saved.length > 0 ? file.replies.saved : SAVED_REPLIES.map((r) => ({ ...r })) },
      sources,
      // The sandbox's reply webhooks are on this machine (loopback), which is refused by default.
      outbound: { ...file.outbound, allowPrivateTargets: true },
    },
  };
}
