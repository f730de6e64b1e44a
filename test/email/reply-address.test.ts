import { describe, expect, it } from 'vitest';
import { replyAddress } from '../../adapters/email/reply-address.js';

describe('where a reply to an e-mail goes', () => {
  it('to From when there is no Reply-To, or it is the same address', () => {
    expect(replyAddress('jane@example.com', null)).toEqual({ address: 'jane@example.com', note: null });
    expect(replyAddress('jane@example.com', 'Jane@Example.com')).toEqual({ address: 'jane@example.com', note: null });
  });

  it('to Reply-To on the same domain or a subdomain of it', () => {
    expect(replyAddress('jane@example.com', 'jane.doe@example.com')).toEqual({ address: 'jane.doe@example.com', note: null });
    expect(replyAddress('jane@mail.example.com', 'jane@example.com').address).toBe('jane@example.com');
    expect(replyAddress('jane@example.com', 'team@support.EXAMPLE.com.').address).toBe('team@support.EXAMPLE.com.');
  });

  it('to From, with a note, when Reply-To is on another domain (a look-alike domain is another domain)', () => {
    for (const replyTo of ['jane@evil.example', 'jane@example.com.evil.example', 'jane@notexample.com']) {
      const r = replyAddress('jane@example.com', replyTo);
      expect(r.address).toBe('jane@example.com');
      expect(r.note).toMatch(/^↩️ Reply-To points to .+, not the sender's domain example\.com: replies go to the sender's address$/);
    }
  });

  it('to Reply-To, with a note, when From takes no replies (a web form relay)', () => {
    for (const from of ['noreply@forms.example', 'no-reply@forms.example', 'do_not_reply+x@forms.example', 'DoNotReply@forms.example']) {
      const r = replyAddress(from, 'jane@example.com');
      expect(r.address).toBe('jane@example.com');
      expect(r.note).toContain('takes no replies');
    }
    // A person whose name merely starts like one is a person.
    expect(replyAddress('noreen@forms.example', 'jane@example.com').address).toBe('noreen@forms.example');
  });

  it('nowhere when the sender is unknown and only Reply-To is given', () => {
    expect(replyAddress(null, 'someone@evil.example')).toMatchObject({ address: null });
  });
});
