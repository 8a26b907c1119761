/** A learner's reminder choice (table reminder_settings): optional reminders on (no row) or off. */
import { z } from 'astro/zod';
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { reminderSettings } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';
import { audit } from '#lib/audit/audit-log.ts';
import type { SessionUser } from '#lib/auth/session.ts';

const UNKNOWN_FIELDS = 'Formuläret innehöll fält som inte får ändras här. Ladda om sidan och försök igen.';

/** The /konto/paminnelser form: one checkbox, `valfria=av` when the optional reminders are off. */
export const ReminderSettingsForm = z.strictObject(
  { valfria: z.literal('av', { error: UNKNOWN_FIELDS }).optional() },
  { error: UNKNOWN_FIELDS },
);

/** True when the user turned the optional reminders off. */
export async function optionalRemindersOff(db: Db, userId: number): Promise<boolean> {
  const row = (await db.select().from(reminderSettings).where(eq(reminderSettings.userId, userId)).limit(1))[0];
  return row?.optionalOff ?? false;
}

/** Saves the choice for the signed-in user, with an audit row. */
export async function setOptionalReminders(
  db: Db,
  user: Pick<SessionUser, 'id' | 'email' | 'agencyId'>,
  off: boolean,
  ip: string | null,
  now = new Date(),
): Promise<void> {
  await transaction(db, async (tx) => {
    await tx
      .insert(reminderSettings)
      .values({ userId: user.id, optionalOff: off, updatedAt: now.toISOString() })
      .onConflictDoUpdate({ target: reminderSettings.userId, set: { optionalOff: off, updatedAt: now.toISOString() } });
    await audit(tx, {
      actor: user,
      action: 'reminders.settings',
      targetType: 'user',
      targetId: user.id,
      agencyId: user.agencyId,
      outcome: 'ok',
      detail: off ? 'valfria påminnelser av' : 'valfria påminnelser på',
      ip,
    });
  });
}
