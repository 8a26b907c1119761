/**
 * Random `<id>.<secret>` tokens for sessions and reset links, as lucia-auth.com
 * teaches: the id is looked up, only SHA-256(secret) is stored, and the secret
 * is compared in constant time.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A freshly generated token and what may be stored of it. */
export interface NewToken {
  /** `<id>.<secret>`: given to the user once, never stored or logged. */
  token: string;
  id: string;
  secretHash: Buffer;
}

function randomString(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/** SHA-256 of a token secret, as stored. */
export function hashSecret(secret: string): Buffer {
  return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

/** A new token: 128-bit id, 256-bit secret. */
export function generateToken(): NewToken {
  const id = randomString(16);
  const secret = randomString(32);
  return { token: `${id}.${secret}`, id, secretHash: hashSecret(secret) };
}

const TOKEN_PART = /^[a-z2-7]{1,128}$/;

/** Splits `<id>.<secret>`, or null when the string cannot be a token. */
export function parseToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !TOKEN_PART.test(parts[0]) || !TOKEN_PART.test(parts[1])) return null;
  return { id: parts[0], secret: parts[1] };
}

/** True when `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && constantTimeEqual(hash, storedHash);
}
