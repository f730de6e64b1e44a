/** A reason the server cannot start that the person starting it can fix; printed as one plain line. */
export class StartError extends Error {
  readonly code = 'start_failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartError';
  }
}

/**
 * Node's `listen EADDRINUSE: address already in use 0.0.0.0:3000` says what happened, not what to
 * do. This says both, for the errors a person can fix; null for anything else.
 */
export function listenProblem(error: unknown, host: string, port: number): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `port ${port} on ${host || '0.0.0.0'}`;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `${where} is already in use (another Klaxon, or another program). Stop it, or choose a free port: ` +
        `PORT=${port === 65535 ? 3001 : port + 1} npm start`
      );
    case 'EACCES':
      return (
        `${where} needs privileges this user does not have (ports below 1024 usually do). Choose a port of 1024 or above, e.g. ` +
        `PORT=3000`
      );
    case 'EADDRNOTAVAIL':
      return (
        `HOST=${host} is not an address of this machine, so Klaxon cannot listen on it. Use 0.0.0.0 (every interface), ` +
        `127.0.0.1 (this machine only) or one of this machine's addresses`
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST=${host} does not resolve to an address of this machine. Use 0.0.0.0, 127.0.0.1 or one of this machine's addresses`;
    default:
      return null;
  }
}
