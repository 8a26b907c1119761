/**
 * One-time password-reset links `/konto/aterstall/<id>.<secret>`. An admin
 * makes one for a user (new accounts get one instead of a password); it
 * expires after RESET_LINK_HOURS (default 72) and is deleted when used or
 * when a newer link is made. Only SHA-256(secret) is stored.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { passwordResets, sessions as sessionsTable, users } from '#db/schema.ts';
import { generateToken, parseToken, secretMatches } from './token.ts';
import { transaction } from '#db/tx.ts';
import { queueMail, type OutgoingMail } from '#lib/mail/outbox.ts';

/** Builds the e-mail that carries a new link (invitation or reset), queued in the link's transaction. */
export type LinkMail = (token: string, expiresAt: Date) => OutgoingMail;

const HOUR = 3_600_000;

function lifetimeMs(): number {
  const hours = Number(process.env.RESET_LINK_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : 72) * HOUR;
}

/** Makes a new link for `userId`, replacing older ones, and queues `mail` with it; returns the token. */
export async function createResetToken(
  db: Db,
  userId: number,
  now = new Date(),
  mail?: LinkMail,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, id, secretHash } = generateToken();
  const expiresAt = new Date(now.getTime() + lifetimeMs());
  await transaction(db, async (tx) => {
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    await tx
      .insert(passwordResets)
      .values({ id, userId, secretHash, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    if (mail) await queueMail(tx, mail(token, expiresAt), now);
  });
  return { token, expiresAt };
}

/** Makes a link for each of `userIds` in one transaction (after a bulk import), queuing `mail(userId)`'s message; returns token per user id. */
export async function createResetTokens(
  db: Db,
  userIds: number[],
  now = new Date(),
  mail?: (userId: number) => LinkMail,
): Promise<Map<number, { token: string; expiresAt: Date }>> {
  const expiresAt = new Date(now.getTime() + lifetimeMs());
  const made = new Map<number, { token: string; expiresAt: Date }>();
  await transaction(db, async (tx) => {
    for (const userId of userIds) {
      const { token, id, secretHash } = generateToken();
      await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
      await tx
        .insert(passwordResets)
        .values({ id, userId, secretHash, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
      if (mail) await queueMail(tx, mail(userId)(token, expiresAt), now);
      made.set(userId, { token, expiresAt });
    }
  });
  return made;
}

/** The active user a valid, unexpired link belongs to, or null. Does not use the link up. */
export async function findResetUser(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ resetId: string; user: typeof users.$inferSelect } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = (
    await db
      .select({ reset: passwordResets, user: users })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(eq(passwordResets.id, parsed.id))
      .limit(1)
  )[0];
  if (!row || !secretMatches(parsed.secret, row.reset.secretHash)) return null;
  if (new Date(row.reset.expiresAt).getTime() <= now.getTime()) {
    await db.delete(passwordResets).where(eq(passwordResets.id, row.reset.id));
    return null;
  }
  if (!row.user.active) return null;
  return { resetId: row.reset.id, user: row.user };
}

/**
 * Uses up a link: deletes it (and any other link of the user), stores the new
 * hash, ends all the user's sessions and queues `notice`, in one transaction.
 * Returns false when it was already used.
 */
export async function consumeResetToken(
  db: Db,
  resetId: string,
  userId: number,
  passwordHash: string,
  notice?: OutgoingMail,
): Promise<boolean> {
  return transaction(db, async (tx) => {
    const deleted = (
      await tx.delete(passwordResets).where(eq(passwordResets.id, resetId)).returning({ id: passwordResets.id })
    ).length;
    if (deleted !== 1) return false;
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx.delete(sessionsTable).where(eq(sessionsTable.userId, userId));
    if (notice) await queueMail(tx, notice);
    return true;
  });
}
