/**
 * A customer's handle as sources name them: `jane` or `jane.bsky.social`, and on federated
 * sources and e-mail also `jane@mastodon.social` (the instance or domain is part of who they are).
 */
export const HANDLE_PATTERN = /^@?[A-Za-z0-9_.-]{1,64}(@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+)?$/;
