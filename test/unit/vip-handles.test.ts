import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { parseCommand } from '../../src/commands/parse.js';
import { configFileSchema } from '../../app/config.js';

/** VIPs on federated sources and e-mail are named with their instance or domain. */

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const user = fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/);
const federated = fc.tuple(user, fc.array(label, { minLength: 2, maxLength: 3 })).map(([u, labels]) => `${u}@${labels.join('.')}`);

describe('VIP handles', () => {
  it('the config and the chat command take user@instance handles, lower-cased, and refuse what is not a handle', () => {
    fc.assert(
      fc.property(federated, fc.boolean(), (handle, at) => {
        const written = at ? `@${handle}` : handle;
        expect(configFileSchema.parse({ vips: [written] }).vips).toEqual([handle.toLowerCase()]);
        expect(parseCommand(`vip add ${written}`, () => null)).toEqual({ ok: true, command: { kind: 'vip', action: 'add', handle } });
      }),
    );
    for (const bad of ['jane@', '@jane@localhost', 'jane@@x.org', 'jane@x..org', 'jane doe', '<@U123>', 'jane@x.org/path']) {
      expect(configFileSchema.safeParse({ vips: [bad] }).success, bad).toBe(false);
      expect(parseCommand(`vip add ${bad}`, () => null).ok, bad).toBe(false);
    }
  });

  it('a Mastodon author named jane@mastodon.social is the VIP @Jane@Mastodon.social, and not plain jane', () => {
    const handle = openDatabase(':memory:');
    const vips = new VipDirectory(handle.db, configFileSchema.parse({ vips: ['@Jane@Mastodon.social'] }).vips);
    expect(vips.has('jane@mastodon.social')).toBe(true);
    expect(vips.has('@jane@mastodon.social')).toBe(true);
    expect(vips.has('jane')).toBe(false);
    expect(vips.has('jane@other.social')).toBe(false);
    handle.close();
  });
});
