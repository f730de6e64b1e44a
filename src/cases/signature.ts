import { ownValue } from '../own.js';

/** `^JS`-style initials, as brands sign replies on X so customers know who answered. */
export function initialsOf(name: string | null): string | null {
  if (!name) return null;
  const parts = name
    .replace(/[^\p{L}\s.-]/gu, ' ')
    .split(/[\s.-]+/)
    .filter(Boolean);
  if (parts.length === 0) return null;
  const letters = parts.length === 1 ? parts[0]!.slice(0, 2) : `${parts[0]![0]}${parts[parts.length - 1]![0]}`;
  return letters.toUpperCase();
}

/** The label of the "sign my reply" choice, with the initials this person's replies will carry. */
export function signatureLabel(name: string | null): string {
  const initials = initialsOf(name);
  return initials ? `Sign with my initials (^${initials})` : 'Sign with my initials';
}

export function signReply(text: string, name: string | null): string {
  const initials = initialsOf(name);
  const trimmed = text.trim();
  return initials ? `${trimmed} ^${initials}` : trimmed;
}

/** Fills `{first_name}`, `{handle}`, `{name}`, `{case}` in a saved reply. Unknown variables stay visible. */
export function fillTemplate(template: string, vars: { name?: string | null; handle?: string | null; caseRef?: string }): string {
  const firstName = vars.name?.trim().split(/\s+/)[0] ?? vars.handle ?? 'there';
  const values: Record<string, string> = {
    first_name: firstName,
    name: vars.name ?? vars.handle ?? 'there',
    handle: vars.handle ? `@${vars.handle.replace(/^@/, '')}` : '',
    case: vars.caseRef ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => ownValue(values, key) ?? whole);
}
