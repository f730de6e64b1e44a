/**
 * Sample mentions for the sandbox's "Replay samples" button, written for this project: what a
 * social-care team at a bank, a mobile network, a retailer and a software company sees in a
 * morning. Complaints, questions, praise, a VIP, an influencer, a small storm about one outage,
 * a private message, and one customer who shares private data (so a careless public reply trips
 * the privacy guard). Times are relative to now; some are backdated so SLA warnings show at once.
 *
 * The brands and people are invented: Northwind Bank, Telvo Mobile, Brightcart, Cloudnote.
 */
export interface SampleMention {
  key: string;
  minutesAgo: number;
  source: 'twitter' | 'facebook' | 'instagram' | 'review' | 'email' | 'chat';
  author: { handle?: string; name: string; followers?: number; verified?: boolean };
  text: string;
  private?: boolean;
  /** An `outbound` message: a reply the brand made outside Klaxon (answers `inReplyTo`). */
  outbound?: boolean;
  inReplyTo?: string;
}

/** The VIP of the samples (a private-banking client); the sandbox puts her on the VIP list. */
export const SAMPLE_VIPS = ['margaret_hale'] as const;

export const SAMPLES: readonly SampleMention[] = [
  // The influencer: 250k followers, verified, and angry in public.
  {
    key: 'influencer',
    minutesAgo: 12,
    source: 'twitter',
    author: { handle: 'techwithtara', name: 'Tara Mendes', followers: 250_000, verified: true },
    text:
      '@Brightcart three "delivery attempts" this week and not one knock on my door. I was home all day. ' +
      'Your courier is making it up. Never again.',
  },
  // The VIP: a private-banking client whose card was declined abroad.
  {
    key: 'vip',
    minutesAgo: 9,
    source: 'twitter',
    author: { handle: 'margaret_hale', name: 'Margaret Hale', followers: 1_840 },
    text:
      '@NorthwindBank my card has been declined twice in Lisbon today and the app says everything is fine. ' +
      'I am stuck at a hotel desk. Please call me.',
  },
  // A small storm: one Telvo outage, many near-identical voices within a few minutes.
  {
    key: 'storm-1',
    minutesAgo: 18,
    source: 'twitter',
    author: { handle: 'danny_k', name: 'Danny Kerr', followers: 412 },
    text: '@TelvoMobile no signal in Manchester since 7am. Is there an outage?',
  },
  {
    key: 'storm-2',
    minutesAgo: 17,
    source: 'twitter',
    author: { handle: 'priya.s', name: 'Priya Shah', followers: 1_205 },
    text: '@TelvoMobile is there an outage in Manchester? No signal at all since this morning',
  },
  {
    key: 'storm-3',
    minutesAgo: 16,
    source: 'twitter',
    author: { handle: 'mcrcommuter', name: 'Lee Barnes', followers: 3_310 },
    text: "Telvo down in Manchester again?? no signal, can't even call 999 @TelvoMobile",
  },
  {
    key: 'storm-4',
    minutesAgo: 15,
    source: 'twitter',
    author: { handle: 'sophie_w', name: 'Sophie Walsh', followers: 288 },
    text: '@TelvoMobile no signal in Manchester since 7am, working from home is impossible. Outage?',
  },
  {
    key: 'storm-5',
    minutesAgo: 13,
    source: 'facebook',
    author: { name: 'Graham Doyle', followers: 150 },
    text: 'Telvo Mobile no signal in Manchester city centre since 7am. When will it be fixed? I run a business from this phone.',
  },
  {
    key: 'storm-6',
    minutesAgo: 11,
    source: 'twitter',
    author: { handle: 'ellie_rose', name: 'Ellie Rose', followers: 960 },
    text: '@TelvoMobile still no signal in Manchester, outage or is it just me?',
  },
  // Complaints with risk signals: legal threats, cancellation, vulnerable customers.
  {
    key: 'lawyer',
    minutesAgo: 48,
    source: 'twitter',
    author: { handle: 'jhartley', name: 'James Hartley', followers: 5_600 },
    text:
      '@NorthwindBank charged twice for the same mortgage payment and nobody answers the phone. ' +
      'If it is not refunded by Friday I am talking to my lawyer.',
  },
  {
    key: 'cancel',
    minutesAgo: 35,
    source: 'twitter',
    author: { handle: 'kwame_a', name: 'Kwame Asante', followers: 2_140 },
    text: '@TelvoMobile fourth bill in a row that is higher than my contract says. Cancelling and telling everyone I know to switch.',
  },
  {
    key: 'vulnerable',
    minutesAgo: 26,
    source: 'email',
    author: { name: 'Irene Walsh' },
    private: true,
    text:
      'My husband passed away last month and I have been trying to close his Northwind account for three weeks. ' +
      'Every call I am asked for the same documents again. I cannot keep doing this.',
  },
  {
    key: 'fraud',
    minutesAgo: 7,
    source: 'chat',
    author: { name: 'Omar Haddad' },
    private: true,
    text:
      'I think I have been scammed. Three payments on my account I did not make, all to a shop I have never heard of. ' +
      'This is fraud, please block my card now!',
  },
  {
    key: 'breach-old',
    minutesAgo: 310,
    source: 'review',
    author: { name: 'Hannah Price' },
    text:
      'Ordered a sofa from Brightcart six weeks ago, paid in full, delivery date moved four times. ' +
      'Customer service just reads a script. Two stars because the sofa is nice in the photos.',
  },
  {
    key: 'data-loss',
    minutesAgo: 55,
    source: 'twitter',
    author: { handle: 'devnadia', name: 'Nadia Petrova', followers: 18_400, verified: true },
    text: '@cloudnote the last update wiped two weeks of my notes. Sync says "up to date". This is a serious data loss bug, are you on it?',
  },
  {
    key: 'broken-item',
    minutesAgo: 95,
    source: 'instagram',
    author: { handle: 'home.by.mia', name: 'Mia Laurent', followers: 42_000 },
    text: 'Unboxing my @brightcart lamp: arrived in pieces 💔 second one this month. Not a great look.',
  },
  {
    key: 'app-crash',
    minutesAgo: 22,
    source: 'review',
    author: { name: 'Tom Becker' },
    text: "Northwind app crashes every time I open the payments tab since the update. Can't pay my rent. 1 star until fixed.",
  },
  {
    key: 'roaming',
    minutesAgo: 140,
    source: 'facebook',
    author: { name: 'Rachel Green-Ahmed', followers: 640 },
    text: 'Came back from Spain to a £180 roaming bill from Telvo even though my plan says EU roaming is included. Very disappointed.',
  },
  // Private data offered in public: the reply must not repeat it (try it to see the guard).
  {
    key: 'private-data',
    minutesAgo: 30,
    source: 'twitter',
    author: { handle: 'ben_t', name: 'Ben Turner', followers: 210 },
    text:
      '@Brightcart where is my refund?? Order BC-48213, paid with card 4929 1234 5678 9015, email ben.turner@example.com. ' +
      'Three weeks now.',
  },
  // Questions: no anger, but they want an answer.
  {
    key: 'question-1',
    minutesAgo: 20,
    source: 'twitter',
    author: { handle: 'lucyinthesky', name: 'Lucy Moreno', followers: 530 },
    text: '@NorthwindBank hi, how do I add my partner as a joint account holder? Can it be done in the app?',
  },
  {
    key: 'question-2',
    minutesAgo: 42,
    source: 'chat',
    author: { name: 'Arjun Mehta' },
    private: true,
    text: 'Does the Cloudnote family plan include shared notebooks, or is that only on Teams?',
  },
  {
    key: 'question-3',
    minutesAgo: 64,
    source: 'facebook',
    author: { name: 'Beth Collins', followers: 85 },
    text: 'Is Brightcart doing click and collect at the Leeds store this weekend?',
  },
  {
    key: 'question-4',
    minutesAgo: 5,
    source: 'twitter',
    author: { handle: 'gamer_gus', name: 'Gus Almeida', followers: 12_300 },
    text: '@TelvoMobile does the new unlimited plan throttle after a certain amount? Thinking of switching from my current provider',
  },
  {
    key: 'question-5',
    minutesAgo: 75,
    source: 'email',
    author: { name: 'Chen Wei' },
    private: true,
    text: 'Hello, I would like to export all my notes as Markdown before my subscription renews. Is there a bulk export? Thank you.',
  },
  // Praise: worth a thank-you, never urgent.
  {
    key: 'praise-1',
    minutesAgo: 38,
    source: 'twitter',
    author: { handle: 'oliviajames', name: 'Olivia James', followers: 3_900 },
    text:
      'Shout out to @NorthwindBank, Priya on the phone sorted my mortgage switch in ten minutes. ' +
      'Best customer service I have had all year!',
  },
  {
    key: 'praise-2',
    minutesAgo: 66,
    source: 'instagram',
    author: { handle: 'plantdad.sam', name: 'Sam Ortiz', followers: 8_700 },
    text: 'New shelves from @brightcart arrived a day early and were easy to build. Love them 🌿',
  },
  {
    key: 'praise-3',
    minutesAgo: 120,
    source: 'review',
    author: { name: 'Kate Nowak' },
    text: 'Cloudnote is the only notes app that has stuck for me. Fast, simple, and the offline mode is great. Five stars.',
  },
  // Noise and near-misses: low priority.
  {
    key: 'competitor',
    minutesAgo: 90,
    source: 'twitter',
    author: { handle: 'randomdeals', name: 'Deal Hunter', followers: 22 },
    text: 'Brightcart vs the others for Black Friday TVs? Anyone compared prices yet?',
  },
  {
    key: 'meme',
    minutesAgo: 150,
    source: 'twitter',
    author: { handle: 'lol_zone', name: 'lol zone', followers: 310 },
    text: 'me waiting for my Brightcart parcel like it is a season finale',
  },
  // A case answered outside Klaxon: the brand already replied from its own account.
  {
    key: 'answered-q',
    minutesAgo: 45,
    source: 'twitter',
    author: { handle: 'maria_l', name: 'Maria Lopez', followers: 760 },
    text: '@cloudnote can I use the desktop app offline?',
  },
  {
    key: 'answered-a',
    minutesAgo: 40,
    source: 'twitter',
    outbound: true,
    inReplyTo: 'answered-q',
    author: { handle: 'cloudnote', name: 'Cloudnote Support', followers: 95_000, verified: true },
    text: '@maria_l yes! Everything works offline and syncs when you are back online. ^KM',
  },
  // A follow-up from the same customer: grouped into the earlier case, not a new one.
  {
    key: 'lawyer-2',
    minutesAgo: 3,
    source: 'twitter',
    inReplyTo: 'lawyer',
    author: { handle: 'jhartley', name: 'James Hartley', followers: 5_600 },
    text: '@NorthwindBank still waiting. Forty minutes on hold this morning.',
  },
];

/** The ingest-format mention (docs/CONTRACT.md §4) for a sample, with ids unique to one replay. */
export function sampleToMention(sample: SampleMention, now: Date, batch: string): Record<string, unknown> {
  const handle = sample.author.handle;
  return {
    id: `${batch}-${sample.key}`,
    source: sample.source,
    direction: sample.outbound ? 'outbound' : 'inbound',
    author: {
      id: handle ? `id-${handle}` : `id-${sample.author.name.toLowerCase().replace(/\W+/g, '-')}`,
      ...(handle ? { handle } : {}),
      name: sample.author.name,
      ...(sample.author.followers !== undefined ? { followers: sample.author.followers } : {}),
      ...(sample.author.verified ? { verified: true } : {}),
    },
    text: sample.text,
    createdAt: new Date(now.getTime() - sample.minutesAgo * 60_000).toISOString(),
    ...(sample.inReplyTo ? { inReplyTo: `${batch}-${sample.inReplyTo}` } : {}),
    ...(sample.private ? { private: true } : {}),
  };
}

/** Every sample, oldest first (the order they would have arrived in). */
export function sampleMentions(now: Date, batch: string): Record<string, unknown>[] {
  return [...SAMPLES].sort((a, b) => b.minutesAgo - a.minutesAgo).map((s) => sampleToMention(s, now, batch));
}
