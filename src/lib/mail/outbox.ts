/**
 * Queuing e-mail. Features call `queueMail` inside the transaction of the
 * change the message reports, so a message exists exactly when the change
 * does; delivery happens later, outside any request (see db/schema.ts
 * `mail_outbox`). A `dedupeKey` makes a message at most once: queuing the
 * same key again is a no-op that returns false.
 */
import { desc } from 'drizzle-orm';
import { mailOutbox } from '#db/schema.ts';
import type { Db } from '#db/client.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  /** Plain text, Swedish; links as absolute URLs from the configured public origin. */
  text: string;
  /** What kind of message, for the outbox view and the log: 'invitation', 'reminder.due', … */
  kind: string;
  dedupeKey?: string;
}

/** Queues `mail`; false when a message with the same dedupe key already exists. */
export async function queueMail(db: Db, mail: OutgoingMail, now = new Date()): Promise<boolean> {
  const inserted = await db
    .insert(mailOutbox)
    .values({
      toAddress: mail.to,
      subject: mail.subject,
      bodyText: mail.text,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey ?? null,
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  return inserted.length > 0;
}

export type OutboxRow = typeof mailOutbox.$inferSelect;

/** The newest `limit` messages, sent or not (the demo outbox view). */
export async function listOutbox(db: Db, limit = 100): Promise<OutboxRow[]> {
  return await db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}
