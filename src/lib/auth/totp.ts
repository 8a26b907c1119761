/**
 * TOTP arithmetic (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits) and
 * recovery-code shapes. Pure: the database side is in second-factor.ts.
 */
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { renderSVG } from 'uqr';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

/** A new 160-bit secret (the size RFC 4226 recommends). */
export function newTotpSecret(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The 30-second step `time` falls in. */
export function totpStep(time: Date): number {
  return Math.floor(time.getTime() / 1000 / TOTP_PERIOD);
}

/** The code for `step` (default: now). */
export function totpCode(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/** A code as people type it: digits only ("123 456" → "123456"). */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * The step a typed code belongs to, accepting one step of clock drift either
 * way, but never a step at or before `lastUsedStep` (single use); or null.
 */
export function matchingStep(key: Uint8Array, code: string, now: Date, lastUsedStep: number): number | null {
  const typed = normalizeCode(code);
  if (!/^\d{6}$/.test(typed)) return null;
  const current = totpStep(now);
  for (const step of [current - 1, current, current + 1]) {
    if (step <= lastUsedStep) continue;
    if (totpCode(key, step) === typed) return step;
  }
  return null;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(key: Uint8Array, email: string): string {
  return createTOTPKeyURI('Kompetensnav', email, key, TOTP_PERIOD, TOTP_DIGITS);
}

/** The secret as people type it into an app by hand (base32, groups of 4). */
export function manualKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key)
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

/** The enrolment QR code as an inline SVG (no script, no external request). */
export function qrSvg(uri: string): string {
  return renderSVG(uri, { ecc: 'M', border: 2 });
}

// 32 symbols, so a random byte modulo 32 is unbiased.
const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten new recovery codes like `k7mq-2xpa-9rtd` (60 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** A recovery code as stored for comparison: lower case, no spaces or dashes. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}
