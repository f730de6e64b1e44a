/**
 * The data behind the fake Graph API: one Page with its linked Instagram account, the people who
 * write to them, their comments, posts, @mentions and direct messages, and everything the brand
 * sent back. Rules Meta enforces live here (24-hour window, one private reply within 7 days, text
 * limits), so the fake refuses what Meta refuses.
 */
export interface FbUser {
  id: string;
  name: string;
}

export interface IgUser {
  id: string;
  username: string;
  name?: string;
}

export interface FbComment {
  id: string;
  postId: string;
  parentId: string | null;
  from: { id: string; name: string };
  message: string;
  createdAt: Date;
}

export interface FbPost {
  id: string;
  from: { id: string; name: string };
  message: string;
  createdAt: Date;
}

export interface IgComment {
  id: string;
  mediaId: string;
  parentId: string | null;
  from: { id: string; username: string };
  text: string;
  createdAt: Date;
}

export interface IgMedia {
  id: string;
  ownerUsername: string;
  caption: string;
  createdAt: Date;
}

export interface SentMessage {
  platform: 'facebook' | 'instagram';
  /** `dm` to a person, or a private reply to a comment/post. */
  kind: 'dm' | 'private_reply';
  to: string;
  text: string;
  id: string;
  at: Date;
}

export interface PublicReply {
  platform: 'facebook' | 'instagram';
  /** What was answered (comment, post, or mention). */
  target: string;
  text: string;
  id: string;
  at: Date;
}

export const DAY = 24 * 3_600_000;

export class GraphStore {
  readonly page = { id: '1000000000000001', name: 'Acme Care' };
  readonly ig = { id: '17841400000000001', username: 'acmecare' };
  readonly fbUsers = new Map<string, FbUser>();
  readonly igUsers = new Map<string, IgUser>();
  readonly fbComments = new Map<string, FbComment>();
  readonly fbPosts = new Map<string, FbPost>();
  readonly igComments = new Map<string, IgComment>();
  readonly igMedia = new Map<string, IgMedia>();
  /** The last time each person wrote to the brand directly (the messaging window runs from it). */
  readonly lastMessageFrom = new Map<string, Date>();
  readonly privatelyAnswered = new Set<string>();
  readonly sent: SentMessage[] = [];
  readonly replies: PublicReply[] = [];
  #seq = 100;

  constructor(readonly now: () => Date) {
    this.fbPosts.set(`${this.page.id}_500`, {
      id: `${this.page.id}_500`,
      from: { ...this.page },
      message: 'Our winter timetable is out!',
      createdAt: new Date(now().getTime() - DAY),
    });
    this.igMedia.set('18000000000000500', {
      id: '18000000000000500',
      ownerUsername: this.ig.username,
      caption: 'New season, new routes',
      createdAt: new Date(now().getTime() - DAY),
    });
  }

  nextId(): string {
    this.#seq += 1;
    return String(this.#seq);
  }

  fbUser(name: string): FbUser {
    const user = { id: `2${String(this.fbUsers.size + 1).padStart(15, '0')}`, name };
    this.fbUsers.set(user.id, user);
    return user;
  }

  igUser(username: string, name?: string): IgUser {
    const user = { id: `1784150${String(this.igUsers.size + 1).padStart(10, '0')}`, username, ...(name ? { name } : {}) };
    this.igUsers.set(user.id, user);
    return user;
  }

  /** Meta's rule: a standard message only within 24 hours of the person's last message. */
  windowOpen(personId: string): boolean {
    const last = this.lastMessageFrom.get(personId);
    return last !== undefined && this.now().getTime() - last.getTime() < DAY;
  }

  /** Meta's rule for private replies: the comment exists, is under 7 days old, and has none yet. */
  privateReplyRefusal(targetId: string): string | null {
    const item = this.fbComments.get(targetId) ?? this.fbPosts.get(targetId) ?? this.igComments.get(targetId);
    if (!item)
      return (
        `(#100) Object with ID '${targetId}' does not exist, cannot be loaded due to missing permissions, ` +
        `or does not support this operation`
      );
    const age = this.now().getTime() - item.createdAt.getTime();
    if (age > 7 * DAY) return '(#10) This comment is older than 7 days: private replies are no longer allowed';
    if (this.privatelyAnswered.has(targetId)) return '(#10) A private reply has already been sent to this comment';
    return null;
  }
}
