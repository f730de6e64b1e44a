import { createServer } from 'node:net';

/**
 * The sandbox's Slack Web API URL is handed to the Slack client when the app is built, before it
 * listens. With PORT=0 ("any free port") the port is known only after listening, so one is
 * picked first: the OS assigns a free port to a probe, which is closed and then used.
 */
export function reservePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The URL the app reaches itself at: loopback when it listens on every interface. */
export function selfUrlFor(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const name = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
