import { createServer, type Server, type Socket } from 'node:net';
import { bodyStructureOf, envelopeOf, parseHeaders, splitHeader, type ImapValue } from './mime.js';

/**
 * A small IMAP4rev1 server for tests, speaking the real protocol over loopback so imapflow runs
 * unchanged: CAPABILITY, LOGIN and AUTHENTICATE PLAIN (wrong credentials refused), NAMESPACE,
 * LIST, SELECT/EXAMINE with UIDVALIDITY and UIDNEXT, FETCH and UID FETCH (UID, FLAGS,
 * INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE, BODY[] and BODY.PEEK[] with a partial
 * range), IDLE with EXISTS pushed as mail arrives, NOOP, LOGOUT. One mailbox, INBOX.
 * Anything else is answered BAD, as a strict server would.
 */
export interface StoredMail {
  uid: number;
  raw: Buffer;
  internalDate: Date;
  flags: Set<string>;
}

interface Session {
  socket: Socket;
  buffer: Buffer;
  authenticated: boolean;
  selected: boolean;
  /** Messages the client has been told about (EXISTS). */
  known: number;
  idleTag: string | null;
  /** A continuation the session waits for: a literal's bytes, or an AUTHENTICATE answer. */
  pending: { kind: 'literal'; size: number; before: string; literals: Buffer[] } | { kind: 'auth'; tag: string } | null;
}

export interface FakeImapOptions {
  user: string;
  pass: string;
  /** Offer AUTH=PLAIN (default) or only LOGIN. */
  authPlain?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function imapDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `"${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000"`
  );
}

function toCrlf(raw: Buffer | string): Buffer {
  const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : Buffer.from(raw, 'utf8').toString('latin1');
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');
}

export class FakeImapServer {
  readonly #options: FakeImapOptions;
  readonly #server: Server;
  readonly #sessions = new Set<Session>();
  mails: StoredMail[] = [];
  uidValidity = 1_700_000_001;
  uidNext = 1;
  /** Every command line received (credentials masked), for assertions on what was fetched. */
  readonly commands: string[] = [];
  logins = 0;
  refusedLogins = 0;

  constructor(options: FakeImapOptions) {
    this.#options = options;
    this.#server = createServer((socket) => this.#accept(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return (this.#server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const s of this.#sessions) s.socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get sessions(): number {
    return this.#sessions.size;
  }

  /** How many sessions are in IDLE right now. */
  get idling(): number {
    return [...this.#sessions].filter((s) => s.idleTag !== null).length;
  }

  /** Stores a message (CRLF line endings) and tells idling sessions at once. */
  deliver(raw: Buffer | string, internalDate: Date = new Date()): number {
    const uid = this.uidNext;
    this.uidNext += 1;
    this.mails.push({ uid, raw: toCrlf(raw), internalDate, flags: new Set() });
    for (const s of this.#sessions) if (s.idleTag !== null) this.#announce(s);
    return uid;
  }

  /** The server renumbers the mailbox (a restore, a migration): new UIDVALIDITY, UIDs from 1. */
  renumber(): void {
    this.uidValidity += 1;
    this.mails = this.mails.map((m, i) => ({ ...m, uid: i + 1 }));
    this.uidNext = this.mails.length + 1;
    for (const s of this.#sessions) {
      s.socket.end('* BYE mailbox renumbered\r\n');
    }
  }

  /** Cuts every connection, as a network failure would. */
  dropConnections(): void {
    for (const s of this.#sessions) s.socket.destroy();
  }

  #accept(socket: Socket): void {
    const session: Session = {
      socket,
      buffer: Buffer.alloc(0),
      authenticated: false,
      selected: false,
      known: 0,
      idleTag: null,
      pending: null,
    };
    this.#sessions.add(session);
    // Answers go out line by line: without this, Nagle's algorithm and delayed ACKs add ~40 ms to each round trip.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      session.buffer = Buffer.concat([session.buffer, chunk]);
      this.#drain(session);
    });
    socket.on('close', () => this.#sessions.delete(session));
    socket.on('error', () => this.#sessions.delete(session));
    socket.write('* OK Fake IMAP server ready\r\n');
  }

  #capabilities(session: Session): string {
    const auth = session.authenticated ? [] : this.#options.authPlain === false ? [] : ['AUTH=PLAIN'];
    return ['IMAP4rev1', 'IDLE', 'NAMESPACE', 'UIDPLUS', ...auth].join(' ');
  }

  #send(session: Session, values: ImapValue[]): void {
    const chunks: Buffer[] = [];
    for (const v of values) {
      if (typeof v === 'string') chunks.push(Buffer.from(v, 'latin1'));
      else chunks.push(Buffer.from(`{${v.literal.length}}\r\n`), v.literal);
    }
    chunks.push(Buffer.from('\r\n'));
    if (!session.socket.destroyed) session.socket.write(Buffer.concat(chunks));
  }

  #line(session: Session, text: string): void {
    this.#send(session, [text]);
  }

  #drain(session: Session): void {
    for (;;) {
      const pending = session.pending;
      if (pending?.kind === 'literal') {
        if (session.buffer.length < pending.size) return;
        pending.literals.push(session.buffer.subarray(0, pending.size));
        session.buffer = session.buffer.subarray(pending.size);
        pending.before += `\u0000${pending.literals.length - 1}\u0000`;
      }
      const end = session.buffer.indexOf('\r\n');
      if (end < 0) return;
      const line = session.buffer.subarray(0, end).toString('latin1');
      session.buffer = session.buffer.subarray(end + 2);
      if (pending?.kind === 'auth') {
        session.pending = null;
        this.#finishAuthenticate(session, pending.tag, line);
        continue;
      }
      const literal = /\{(\d+)(\+?)\}$/.exec(line);
      const soFar = pending?.kind === 'literal' ? pending.before + line : line;
      const literals = pending?.kind === 'literal' ? pending.literals : [];
      if (literal) {
        session.pending = { kind: 'literal', size: Number(literal[1]), before: soFar.slice(0, soFar.length - literal[0].length), literals };
        if (!literal[2]) this.#line(session, '+ Ready for literal data');
        continue;
      }
      session.pending = null;
      this.#command(session, soFar, literals);
    }
  }

  #command(session: Session, line: string, literals: Buffer[]): void {
    if (session.idleTag !== null) {
      const tag = session.idleTag;
      session.idleTag = null;
      if (line.trim().toUpperCase() === 'DONE') this.#line(session, `${tag} OK IDLE terminated`);
      else this.#line(session, `${tag} BAD expected DONE`);
      return;
    }
    const match = /^(\S+) +(UID +)?(\S+)(?: +(.*))?$/i.exec(line);
    if (!match) {
      this.#line(session, '* BAD Invalid command');
      return;
    }
    const tag = match[1] as string;
    const uid = Boolean(match[2]);
    const name = (match[3] as string).toUpperCase();
    const args = match[4] ?? '';
    this.commands.push(name === 'LOGIN' || name === 'AUTHENTICATE' ? `${name} ***` : `${uid ? 'UID ' : ''}${name} ${args}`.trim());
    const tokens = () => tokenize(args, literals);
    if (!session.authenticated && !['CAPABILITY', 'NOOP', 'LOGOUT', 'LOGIN', 'AUTHENTICATE', 'ID'].includes(name)) {
      this.#line(session, `${tag} BAD Log in first`);
      return;
    }
    switch (uid ? `UID ${name}` : name) {
      case 'CAPABILITY':
        this.#line(session, `* CAPABILITY ${this.#capabilities(session)}`);
        return this.#line(session, `${tag} OK CAPABILITY completed`);
      case 'NOOP':
        this.#announce(session);
        return this.#line(session, `${tag} OK NOOP completed`);
      case 'LOGOUT':
        this.#line(session, '* BYE Logging out');
        this.#line(session, `${tag} OK LOGOUT completed`);
        session.socket.end();
        return;
      case 'LOGIN': {
        const [user, pass] = tokens();
        return this.#login(session, tag, user ?? '', pass ?? '');
      }
      case 'AUTHENTICATE': {
        const [mechanism, initial] = tokens();
        if ((mechanism ?? '').toUpperCase() !== 'PLAIN' || this.#options.authPlain === false)
          return this.#line(session, `${tag} NO [CANNOT] Unsupported mechanism`);
        if (initial) return this.#finishAuthenticate(session, tag, initial);
        session.pending = { kind: 'auth', tag };
        return this.#line(session, '+ ');
      }
      case 'NAMESPACE':
        this.#line(session, '* NAMESPACE (("" "/")) NIL NIL');
        return this.#line(session, `${tag} OK NAMESPACE completed`);
      case 'LIST':
      case 'LSUB':
        this.#line(session, `* ${name} (\\HasNoChildren) "/" INBOX`);
        return this.#line(session, `${tag} OK ${name} completed`);
      case 'SELECT':
      case 'EXAMINE': {
        const [box] = tokens();
        if ((box ?? '').toUpperCase() !== 'INBOX') return this.#line(session, `${tag} NO [NONEXISTENT] Unknown mailbox`);
        session.selected = true;
        session.known = this.mails.length;
        this.#line(session, '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
        this.#line(session, '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted');
        this.#line(session, `* ${this.mails.length} EXISTS`);
        this.#line(session, '* 0 RECENT');
        this.#line(session, `* OK [UIDVALIDITY ${this.uidValidity}] UIDs valid`);
        this.#line(session, `* OK [UIDNEXT ${this.uidNext}] Predicted next UID`);
        return this.#line(session, `${tag} OK [${name === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${name} completed`);
      }
      case 'IDLE':
        if (!session.selected) return this.#line(session, `${tag} BAD Select a mailbox first`);
        session.idleTag = tag;
        this.#line(session, '+ idling');
        this.#announce(session);
        return;
      case 'FETCH':
      case 'UID FETCH':
        return this.#fetch(session, tag, uid, args);
      case 'CLOSE':
      case 'UNSELECT':
        session.selected = false;
        return this.#line(session, `${tag} OK ${name} completed`);
      default:
        return this.#line(session, `${tag} BAD Unknown command ${name}`);
    }
  }

  #login(session: Session, tag: string, user: string, pass: string): void {
    if (user !== this.#options.user || pass !== this.#options.pass) {
      this.refusedLogins += 1;
      return this.#line(session, `${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`);
    }
    this.logins += 1;
    session.authenticated = true;
    this.#line(session, `${tag} OK [CAPABILITY ${this.#capabilities(session)}] Logged in`);
  }

  #finishAuthenticate(session: Session, tag: string, answer: string): void {
    if (answer.trim() === '*') return this.#line(session, `${tag} BAD Authentication cancelled`);
    const [, user = '', pass = ''] = Buffer.from(answer.trim(), 'base64').toString('utf8').split('\u0000');
    this.#login(session, tag, user, pass);
  }

  /** Tells a selected session about messages that arrived since it last heard. */
  #announce(session: Session): void {
    if (!session.selected || session.known === this.mails.length) return;
    session.known = this.mails.length;
    this.#line(session, `* ${this.mails.length} EXISTS`);
  }

  #fetch(session: Session, tag: string, byUid: boolean, args: string): void {
    if (!session.selected) return this.#line(session, `${tag} BAD Select a mailbox first`);
    const match = /^(\S+) +(.+)$/.exec(args);
    if (!match) return this.#line(session, `${tag} BAD Missing arguments`);
    const items = parseItems(match[2] as string);
    if (!items) return this.#line(session, `${tag} BAD Invalid fetch items`);
    const messages = this.#resolve(match[1] as string, byUid);
    if (messages === null) return this.#line(session, `${tag} BAD Invalid message sequence`);
    for (const { seq, mail } of messages) {
      const out: ImapValue[] = [`* ${seq} FETCH (`];
      const add = (...values: ImapValue[]) => out.push(...(out.length > 1 ? [' '] : []), ...values);
      if (byUid && !items.some((i) => i.name === 'UID')) add(`UID ${mail.uid}`);
      for (const item of items) {
        if (item.name === 'UID') add(`UID ${mail.uid}`);
        else if (item.name === 'FLAGS') add(`FLAGS (${[...mail.flags].join(' ')})`);
        else if (item.name === 'INTERNALDATE') add(`INTERNALDATE ${imapDate(mail.internalDate)}`);
        else if (item.name === 'RFC822.SIZE') add(`RFC822.SIZE ${mail.raw.length}`);
        else if (item.name === 'ENVELOPE') add('ENVELOPE ', ...envelopeOf(parseHeaders(splitHeader(mail.raw).header)));
        else if (item.name === 'BODYSTRUCTURE') add('BODYSTRUCTURE ', ...bodyStructureOf(mail.raw));
        else if (item.name === 'BODY') {
          const section = item.section === 'HEADER' ? Buffer.from(`${splitHeader(mail.raw).header}\r\n\r\n`, 'latin1') : mail.raw;
          const start = item.partial?.[0] ?? 0;
          const bytes = section.subarray(start, item.partial?.[1] !== undefined ? start + item.partial[1] : undefined);
          add(`BODY[${item.section}]${item.partial ? `<${start}>` : ''} `, { literal: bytes });
          if (!item.peek) mail.flags.add('\\Seen');
        }
      }
      out.push(')');
      this.#send(session, out);
    }
    this.#line(session, `${tag} OK ${byUid ? 'UID ' : ''}FETCH completed`);
  }

  /** A sequence set (`1,3:5,7:*`) against sequence numbers or UIDs; null when malformed. */
  #resolve(set: string, byUid: boolean): { seq: number; mail: StoredMail }[] | null {
    const all = this.mails.map((mail, i) => ({ seq: i + 1, mail }));
    if (all.length === 0) return set.includes('*') ? null : [];
    const key = (e: { seq: number; mail: StoredMail }) => (byUid ? e.mail.uid : e.seq);
    const max = key(all[all.length - 1] as { seq: number; mail: StoredMail });
    const wanted = new Set<number>();
    for (const range of set.split(',')) {
      const m = /^(\d+|\*)(?::(\d+|\*))?$/.exec(range);
      if (!m) return null;
      const a = m[1] === '*' ? max : Number(m[1]);
      const b = m[2] === undefined ? a : m[2] === '*' ? max : Number(m[2]);
      if (a === 0 || b === 0) return null;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      for (const e of all) if (key(e) >= lo && key(e) <= hi) wanted.add(e.seq);
    }
    return all.filter((e) => wanted.has(e.seq));
  }
}

interface FetchItem {
  name: 'UID' | 'FLAGS' | 'INTERNALDATE' | 'RFC822.SIZE' | 'ENVELOPE' | 'BODYSTRUCTURE' | 'BODY';
  section?: '' | 'HEADER';
  peek?: boolean;
  partial?: [number, number | undefined];
}

function parseItems(text: string): FetchItem[] | null {
  const inner = text.trim().replace(/^\((.*)\)$/s, '$1');
  const items: FetchItem[] = [];
  const re = /(BODY(\.PEEK)?\[(HEADER)?\](?:<(\d+)(?:\.(\d+))?>)?|[A-Z0-9.]+)/gi;
  let rest = inner;
  for (const m of inner.matchAll(re)) {
    rest = rest.replace(m[0], '');
    const word = m[0].toUpperCase();
    if (word.startsWith('BODY[') || word.startsWith('BODY.PEEK[')) {
      items.push({
        name: 'BODY',
        section: m[3] ? 'HEADER' : '',
        peek: Boolean(m[2]),
        partial: m[4] !== undefined ? [Number(m[4]), m[5] !== undefined ? Number(m[5]) : undefined] : undefined,
      });
    } else if (['UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE'].includes(word)) {
      items.push({ name: word as FetchItem['name'] });
    } else return null;
  }
  return rest.trim() === '' && items.length > 0 ? items : null;
}

/** Atoms, quoted strings and literals of a simple command's arguments. */
function tokenize(args: string, literals: Buffer[]): string[] {
  const out: string[] = [];
  for (const m of args.matchAll(/"((?:[^"\\]|\\.)*)"|\u0000(\d+)\u0000|([^\s()"]+)/g)) {
    if (m[1] !== undefined) out.push(Buffer.from(m[1].replace(/\\(.)/g, '$1'), 'latin1').toString('utf8'));
    else if (m[2] !== undefined) out.push((literals[Number(m[2])] ?? Buffer.alloc(0)).toString('utf8'));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}
