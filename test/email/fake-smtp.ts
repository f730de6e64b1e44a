import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server (smtp-server, from the nodemailer project) on loopback that keeps what it
 * accepted and refuses what a real one would: a wrong login, an unknown recipient (550), a
 * mailbox that is busy (451), or a connection cut right after the message was sent.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

export interface FakeSmtpOptions {
  user: string;
  pass: string;
}

export class FakeSmtp {
  readonly received: ReceivedMail[] = [];
  /** Recipients answered 550 (no such user). */
  readonly unknown = new Set<string>();
  /** Recipients answered 451 (try again later). */
  readonly busy = new Set<string>();
  /** When set, the next message is read in full and then the connection is cut before any answer. */
  cutAfterData = false;
  authFailures = 0;
  readonly #server: SMTPServer;
  readonly #sockets = new Set<Socket>();

  constructor(options: FakeSmtpOptions) {
    this.#server = new SMTPServer({
      // Loopback only: no STARTTLS to negotiate; the client may log in over the plain connection.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      size: 10 * 1024 * 1024,
      onAuth: (auth, _session, callback) => {
        if (auth.username === options.user && auth.password === options.pass) return callback(null, { user: auth.username });
        this.authFailures += 1;
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo: (address, _session, callback) => {
        if (this.unknown.has(address.address))
          return callback(
            Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }),
          );
        if (this.busy.has(address.address))
          return callback(Object.assign(new Error('4.2.1 Mailbox busy, try again later'), { responseCode: 451 }));
        return callback();
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.cutAfterData) {
            this.cutAfterData = false;
            // The message arrived whole; the answer never leaves.
            for (const socket of this.#sockets) socket.destroy();
            return;
          }
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: session.user as string | undefined,
          });
          callback(null, 'Queued as fake-1');
        });
      },
    });
    this.#server.server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return (this.#server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A header of a received message, unfolded. */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}
