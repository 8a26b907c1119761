/**
 * The second factor in the database: enrolment (secret → first correct code
 * → confirmed, ten recovery codes), verification at sign-in (a TOTP code is
 * accepted once: `last_used_step` moves forward by compare-and-set; a
 * recovery code once: `used_at`), turning it off and new recovery codes.
 * Each change queues a notice mail in its transaction. Attempts are throttled
 * per account by the caller with `secondFactorByAccount`.
 */
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { recoveryCodes, userTotp } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';
import { queueMail } from '#lib/mail/outbox.ts';
import { securityNoticeMail } from '#lib/mail/messages.ts';
import { TokenBuckets } from './rate-limit.ts';
import { hashSecret } from './token.ts';
import { matchingStep, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode } from './totp.ts';

/** Second-factor attempts per account: 5, then one a minute. */
export const secondFactorByAccount = new TokenBuckets('second-factor', { capacity: 5, refillPerMinute: 1 });

type Person = { id: number; email: string; name: string; role: string };

/** True when `person` must have a second factor to sign in with a password (SECOND_FACTOR_ROLES, default admin,manager). */
export function secondFactorRequired(person: Pick<Person, 'role'>, env: NodeJS.ProcessEnv = process.env): boolean {
  const roles = (env.SECOND_FACTOR_ROLES ?? 'admin,manager').split(',').map((r) => r.trim());
  return roles.includes(person.role);
}

/** The person's TOTP row, confirmed or not, or null. */
export async function findTotp(db: Db, userId: number): Promise<typeof userTotp.$inferSelect | null> {
  return (await db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1))[0] ?? null;
}

/** True when the person has a confirmed second factor. */
export async function hasSecondFactor(db: Db, userId: number): Promise<boolean> {
  return Boolean((await findTotp(db, userId))?.confirmedAt);
}

/** The secret to enrol with: the pending one, or a new one. Never replaces a confirmed secret. */
export async function enrolmentSecret(db: Db, userId: number): Promise<Uint8Array | null> {
  const row = await findTotp(db, userId);
  if (row?.confirmedAt) return null;
  if (row) return new Uint8Array(row.secret);
  const secret = newTotpSecret();
  await db
    .insert(userTotp)
    .values({ userId, secret: Buffer.from(secret) })
    .onConflictDoNothing();
  const stored = await findTotp(db, userId);
  return stored && !stored.confirmedAt ? new Uint8Array(stored.secret) : null;
}

async function storeRecoveryCodes(tx: Db, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashSecret(normalizeRecoveryCode(code)).toString('hex') })));
  return codes;
}

/** Confirms enrolment with the first code; returns the ten recovery codes to show once, or null for a wrong code. */
export async function confirmEnrolment(
  db: Db,
  person: Person,
  code: string,
  now = new Date(),
): Promise<string[] | null> {
  const row = await findTotp(db, person.id);
  if (!row || row.confirmedAt) return null;
  const step = matchingStep(new Uint8Array(row.secret), code, now, row.lastUsedStep);
  if (step === null) return null;
  return transaction(db, async (tx) => {
    const updated = await tx
      .update(userTotp)
      .set({ confirmedAt: now.toISOString(), lastUsedStep: step })
      .where(and(eq(userTotp.userId, person.id), isNull(userTotp.confirmedAt)))
      .returning({ userId: userTotp.userId });
    if (updated.length !== 1) return null;
    const codes = await storeRecoveryCodes(tx, person.id);
    await queueMail(tx, securityNoticeMail(person, 'second-factor-on', now), now);
    return codes;
  });
}

/** Checks a TOTP or recovery code at sign-in and uses it up; which kind matched, or null. */
export async function verifySecondFactor(
  db: Db,
  userId: number,
  code: string,
  now = new Date(),
): Promise<'totp' | 'recovery' | null> {
  const row = await findTotp(db, userId);
  if (!row?.confirmedAt) return null;
  const step = matchingStep(new Uint8Array(row.secret), code, now, row.lastUsedStep);
  if (step !== null) {
    const claimed = await db
      .update(userTotp)
      .set({ lastUsedStep: step })
      .where(and(eq(userTotp.userId, userId), lt(userTotp.lastUsedStep, step)))
      .returning({ userId: userTotp.userId });
    return claimed.length === 1 ? 'totp' : null;
  }
  const normalized = normalizeRecoveryCode(code);
  if (!/^[a-z2-7]{12}$/.test(normalized)) return null;
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashSecret(normalized).toString('hex')),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length === 1 ? 'recovery' : null;
}

/** How many unused recovery codes the person has left. */
export async function recoveryCodesLeft(db: Db, userId: number): Promise<number> {
  return (
    await db
      .select({ id: recoveryCodes.id })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  ).length;
}

/** Ten new recovery codes (the old ones stop working); returns them to show once. */
export async function replaceRecoveryCodes(db: Db, person: Person, now = new Date()): Promise<string[]> {
  return transaction(db, async (tx) => {
    const codes = await storeRecoveryCodes(tx, person.id);
    await queueMail(tx, securityNoticeMail(person, 'recovery-codes', now), now);
    return codes;
  });
}

/** Turns the second factor off (secret and recovery codes deleted) and queues the notice. */
export async function removeSecondFactor(db: Db, person: Person, now = new Date()): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.delete(userTotp).where(eq(userTotp.userId, person.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, person.id));
    await queueMail(tx, securityNoticeMail(person, 'second-factor-off', now), now);
  });
}
