/**
 * Replaces every secret (in the forms it travels in: as written, URL-encoded, base64) with
 * `[redacted]`. Every source applies it to what it logs or throws: a mail server's error can echo a
 * login, a URL parse error the whole URL, a platform's error the token it refused.
 */
export type Redact = (text: string) => string;

export function makeRedactor(secrets: readonly string[]): Redact {
  const forms = [
    ...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')])),
  ]
    // Longest first, so a URL is replaced whole before the password inside it.
    .sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((acc, secret) => acc.split(secret).join('[redacted]'), text);
}

/** The message of an error, redacted, for a log line or a card. */
export function redactedMessage(error: unknown, redact: Redact): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message);
}
