/**
 * Queuing e-mail. Features call `queueMail` inside the transaction of the
 * change the message reports, so a message exists exactly when the change
 * does; delivery happens later, outside any request (see db/schema.ts
 * `mail_outbox`). A `dedupeKey` makes a message at most once: queuing the
 * same key again is a no-op that returns false.
 */
import { desc, sql } from 'drizzle-orm';
import { mailOutbox } from '#db/schema.ts';
import { perConnection } from '#db/per-connection.ts';
import { engineOf, type Db } from '#db/client.ts';

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

/** The single-row insert, prepared once per connection (a reminder run queues tens of thousands). */
const prepared = perConnection((db: Db) => {
  const p = sql.placeholder;
  return db
    .insert(mailOutbox)
    .values({
      toAddress: p('to'),
      subject: p('subject'),
      bodyText: p('text'),
      kind: p('kind'),
      dedupeKey: p('dedupeKey'),
      createdAt: p('createdAt'),
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id })
    .prepare();
});

/**
 * Rows per statement on PostgreSQL: 6 parameters a row stays far below its
 * limit of 65,535, and one round trip per 500 mails instead of per mail.
 */
const ROWS_PER_INSERT = 500;

/**
 * Queues many messages at once (reminder runs over a whole agency), each at
 * most once per dedupe key as with `queueMail`; resolves with how many were
 * new. SQLite runs one prepared single-row statement per mail (in process,
 * measured faster than building multi-row statements); PostgreSQL gets
 * multi-row inserts, as each statement costs a round trip there.
 */
export async function queueMails(db: Db, mails: OutgoingMail[], now = new Date()): Promise<number> {
  const createdAt = now.toISOString();
  const rows = mails.map((mail) => ({ ...mail, dedupeKey: mail.dedupeKey ?? null, createdAt }));
  if (engineOf(db) === 'postgres') return queueInChunks(db, rows);
  const statement = prepared(db);
  let queued = 0;
  for (const row of rows) queued += (await statement.execute(row)).length;
  return queued;
}

type QueuedRow = Omit<OutgoingMail, 'dedupeKey'> & { dedupeKey: string | null; createdAt: string };

async function queueInChunks(db: Db, rows: QueuedRow[]): Promise<number> {
  let queued = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({
      toAddress: r.to,
      subject: r.subject,
      bodyText: r.text,
      kind: r.kind,
      dedupeKey: r.dedupeKey,
      createdAt: r.createdAt,
    }));
    queued += (await db.insert(mailOutbox).values(values).onConflictDoNothing().returning({ id: mailOutbox.id }))
      .length;
  }
  return queued;
}

export type OutboxRow = typeof mailOutbox.$inferSelect;

/** The newest `limit` messages, sent or not (the demo outbox view). */
export async function listOutbox(db: Db, limit = 100): Promise<OutboxRow[]> {
  return await db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}
