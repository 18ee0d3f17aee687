import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';

const ada = { email: 'ada.lovelace@example.test', name: 'Ada Lovelace' };

describe('passwordWeakness', () => {
  it('accepts a long passphrase', () => {
    expect(passwordWeakness('correct horse battery staple', ada)).toBeNull();
  });

  it.each(['passwordpassword', 'PasswordPassword', '1qaz2wsx3edc4rfv', 'qwerty123456789'])(
    'rejects the common password %s',
    (password) => {
      expect(passwordWeakness(password, ada)).toMatch(/common/);
    },
  );

  it('rejects a password that contains the email address or its name part', () => {
    expect(passwordWeakness('ada.lovelace@example.test', ada)).toMatch(/email/);
    expect(passwordWeakness('my name is ADA.LOVELACE ok', ada)).toMatch(/email/);
  });

  it('does not reject everything that contains a very short email name part', () => {
    const al = { email: 'al@example.test', name: 'Al' };
    expect(passwordWeakness('a really long personal passphrase', al)).toBeNull();
    expect(passwordWeakness('al@example.test is my passphrase', al)).toMatch(/email/);
  });

  it('rejects long runs of very few characters', () => {
    expect(passwordWeakness('abababababababab', ada)).toMatch(/repeats/);
    expect(passwordWeakness('zzzzzzzzzzzzzzzzzzzz', ada)).toMatch(/repeats/);
  });
});

describe('hashPassword and verifyPassword', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const hash = await hashPassword('a long and memorable passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'a long and memorable passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'a long and memorable passphrasE')).toBe(false);
  });

  it('answers false instead of throwing for a malformed hash', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
