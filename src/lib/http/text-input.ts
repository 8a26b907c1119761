/**
 * Normalisation and checks for text typed by people: NFC once, on input;
 * invisible control characters (zero-width, bidi overrides, C0/C1) refused
 * in names because they can disguise one name as another.
 */
import { z } from 'astro/zod';

// Zero-width and bidirectional control characters, and C0/C1 controls.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Trims and NFC-normalises. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/** The stored form of an e-mail: NFC, trimmed, lower-case. */
export function normalizeEmail(value: string): string {
  return normalizeText(value).toLowerCase();
}

/** True when the text holds invisible or direction-changing characters. */
export function hasInvisibleCharacters(value: string): boolean {
  return INVISIBLE.test(value);
}

/** A person's name: 1–100 characters after normalising, no invisible characters. */
export const nameField = z
  .string({ error: 'Ange ett namn.' })
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .min(1, { error: 'Ange ett namn.' })
      .max(100, { error: 'Namnet får ha högst 100 tecken.' })
      .refine((v) => !hasInvisibleCharacters(v), {
        error: 'Namnet innehåller osynliga tecken eller styrtecken. Skriv in det igen.',
      }),
  );

/** An e-mail address, stored lower-case. */
export const emailField = z
  .string({ error: 'Ange en e-postadress.' })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, { error: 'Ange en e-postadress.' })
      .max(254, { error: 'E-postadressen är för lång.' })
      .pipe(z.email({ error: 'Ange en giltig e-postadress, till exempel namn@myndighet.se.' })),
  );
