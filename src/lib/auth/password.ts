/**
 * Password hashing with argon2id (@node-rs/argon2; argon2id is its default
 * algorithm). Parameters per OWASP/ASVS 11.4.2: 19 MiB memory, 2 passes,
 * parallelism 1. Passwords are NFC-normalised so "å" typed on any keyboard
 * matches, and never truncated.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** The argon2id PHC string for a password. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

/** True when `password` matches the stored PHC string; false on any malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the same time as a real verification, for logins to unknown or
 * password-less accounts, so timing does not reveal which e-mails exist.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword('kompetensnav-dummy-lösenord');
  await verifyPassword(await dummy, password);
  return false;
}
