/**
 * Network error codes (Node's and undici's) that mean no connection was made, so nothing reached
 * the platform: a write that failed this way may safely be sent again. Anything else after the
 * request left (a reset, a timeout, "other side closed") may have been acted on.
 */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The first error code along an error's `cause` chain (fetch wraps the socket's error). */
export function networkErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** True when the request never left this machine (DNS, refused, TLS): safe to send again. */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== null && BEFORE_SENDING.has(code);
}
