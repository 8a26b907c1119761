/**
 * Demo mode only: the demo admin and managers have a second factor with one
 * known secret, and the second-step page shows its current code for them, so
 * a newcomer can try every role without a phone. Never in production mode
 * (start.ts seeds this only with the demo data, and the page checks the mode).
 */
import { inArray } from 'drizzle-orm';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Db } from '#db/client.ts';
import { userTotp, users } from '#db/schema.ts';
import { totpCode, totpStep } from '#lib/auth/totp.ts';

/** The demo accounts' shared TOTP secret (base32, as an authenticator app takes it). */
export const DEMO_TOTP_SECRET_BASE32 = 'KOMPETENSNAVDEMOKODERVISASPASIDA';
const DEMO_TOTP_SECRET = decodeBase32IgnorePadding(DEMO_TOTP_SECRET_BASE32);

/** Gives every demo admin and manager the demo second factor; returns how many. */
export async function seedDemoTotp(db: Db, now = new Date()): Promise<number> {
  const people = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.role, ['admin', 'manager']));
  if (people.length === 0) return 0;
  await db
    .insert(userTotp)
    .values(
      people.map((p) => ({ userId: p.id, secret: Buffer.from(DEMO_TOTP_SECRET), confirmedAt: now.toISOString() })),
    )
    .onConflictDoNothing();
  return people.length;
}

/** True when `secret` is the demo secret. */
export function isDemoSecret(secret: Uint8Array): boolean {
  return secret.length === DEMO_TOTP_SECRET.length && secret.every((b, i) => b === DEMO_TOTP_SECRET[i]);
}

/** The demo code to show now: the first one not yet used within the accepted window, or null. */
export function demoCode(lastUsedStep: number, now = new Date()): string | null {
  const current = totpStep(now);
  for (const step of [current, current + 1]) if (step > lastUsedStep) return totpCode(DEMO_TOTP_SECRET, step);
  return null;
}
