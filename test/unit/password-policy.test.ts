import { describe, expect, it } from 'vitest';
import { checkPassword } from '#lib/auth/password-policy.ts';
import { breachedPasswordCount, commonPasswords, isCommonPassword } from '#lib/auth/common-passwords.ts';
import { hashPassword, verifyPassword } from '#lib/auth/password.ts';

describe('password policy', () => {
  it('needs 8 characters, counted as code points after NFC', () => {
    expect(checkPassword('kort').ok).toBe(false);
    expect(checkPassword('åäöåäö1').ok).toBe(false);
    expect(checkPassword('tåg går sent').ok).toBe(true);
  });

  it('allows 64 and more characters, up to 256, with no composition rules', () => {
    expect(checkPassword('a lång mening utan siffror eller versaler som ändå är bra nog för oss').ok).toBe(true);
    // 'x' × 256 is "xxxxxxxx" (a breached password) repeated: a varied text of the same length is allowed.
    const long = Array.from({ length: 256 }, (_, i) => 'abcdefghijklmnopqrstuvwxyzåäö'[(i * 7) % 29]).join('');
    expect(checkPassword(long).ok).toBe(true);
    expect(checkPassword(`${long}x`).ok).toBe(false);
  });

  it('refuses common passwords, English and Swedish, in any case', () => {
    for (const p of [
      'password',
      'Password1',
      '12345678',
      'qwerty123',
      'sommar2024',
      'Sommar2024!',
      'lösenord1',
      'Lösenord123',
      'vinter2025',
      'hejhej123',
      'forsakringskassan1',
    ]) {
      expect(checkPassword(p).ok, p).toBe(false);
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(commonPasswords().size).toBeGreaterThan(3000);
  });

  it('refuses breached passwords from a list of more than 100,000, with the same message (issue 20, point 12)', () => {
    const count = breachedPasswordCount();
    console.log(`breached-password list: ${count} entries`);
    expect(count).toBeGreaterThanOrEqual(100_000);
    const common = checkPassword('password1');
    for (const p of ['Passw0rd!', '1qaz2wsx3edc', 'hunter2hunter2', 'trustno1trustno1', 'iloveyou2', 'Liverpool1']) {
      expect(checkPassword(p), p).toEqual(common);
    }
    for (const p of ['tåg går sent', 'korv med bröd i regnet', 'Kx7#pq2!mZ']) expect(checkPassword(p).ok, p).toBe(true);
  });

  it('refuses the own e-mail or name', () => {
    expect(checkPassword('anna.svensson@fk.example', { email: 'anna.svensson@fk.example' }).ok).toBe(false);
    expect(checkPassword('Anna Svensson', { name: 'anna svensson' }).ok).toBe(false);
  });

  it('gives a Swedish reason', () => {
    const result = checkPassword('kort');
    expect(result.ok === false && result.error).toMatch(/minst 8 tecken/);
  });
});

describe('password', () => {
  it('hashes with argon2id, m=19456 KiB, t=2, p=1 and verifies without truncation', async () => {
    const long = 'ö'.repeat(100) + 'slut';
    const hash = await hashPassword(long);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, 'ö'.repeat(100) + 'slu')).toBe(false);
  });

  it('matches NFD input against an NFC password', async () => {
    const hash = await hashPassword('Åsa går på stan');
    expect(await verifyPassword(hash, 'Åsa går på stan'.normalize('NFD'))).toBe(true);
  });

  it('returns false, never throws, for a malformed stored hash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
  });
});
