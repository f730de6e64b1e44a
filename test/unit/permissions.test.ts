import { describe, expect, it } from 'vitest';
import { canAct, canRead, describePermissions } from '../../src/cases/permissions.js';
import { makeConfig } from '../helpers/config.js';

const person = (id: string) => ({ id: `slack:${id}`, name: id, platform: 'slack' });

describe('read permissions (CONTRACT §9: permissions.viewers)', () => {
  it('default: reading follows the agents; with no agents everyone reads, and the start-up line says so', () => {
    const open = makeConfig().file.permissions;
    expect(canRead(person('UANY'), open)).toBe(true);
    expect(describePermissions(open)).toContain('everyone in the workspace may act on cases and read');

    const agents = makeConfig({}, { permissions: { agents: ['UALICE'], leads: ['ULEAD'] } }).file.permissions;
    expect(canRead(person('UALICE'), agents)).toBe(true);
    expect(canRead(person('ULEAD'), agents)).toBe(true);
    expect(canRead(person('UEVE'), agents)).toBe(false);
    expect(describePermissions(agents)).toContain('reading follows permissions.agents');
  });

  it('viewers read without acting; an explicit empty list means agents and leads only', () => {
    const perms = makeConfig({}, { permissions: { agents: ['UALICE'], viewers: ['UVERA', 'teams:aad-vic'] } }).file.permissions;
    expect(canRead(person('UVERA'), perms)).toBe(true);
    expect(canAct(person('UVERA'), perms)).toBe(false);
    expect(canRead({ id: 'teams:aad-vic', name: null, platform: 'teams' }, perms)).toBe(true);
    expect(describePermissions(perms)).toContain('2 viewers (permissions.viewers)');
    const none = makeConfig({}, { permissions: { agents: ['UALICE'], viewers: [] } }).file.permissions;
    expect(canRead(person('UEVE'), none)).toBe(false);
    expect(canRead(person('UALICE'), none)).toBe(true);
  });
});
