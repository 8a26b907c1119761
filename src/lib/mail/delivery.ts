/**
 * Delivering the outbox (table mail_outbox) over SMTP.
 *
 * Lifecycle: the server process calls `startMailDelivery` once; without
 * SMTP_URL it does nothing and messages stay in the outbox (the demo shows
 * them to the admin at /admin/demo-utkorg). With SMTP_URL a timer runs
 * `deliverPending` every few seconds: each unsent row is claimed by a
 * compare-and-set on `attempts` (so two processes never send the same row),
 * sent, and marked `sent_at`; a failure leaves `last_error` and the row is
 * tried again on a later round, at most MAX_ATTEMPTS times.
 */
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '#db/client.ts';
import { mailOutbox } from '#db/schema.ts';
import { logEvent } from '#lib/audit/log.ts';

export const MAX_ATTEMPTS = 5;

/** What delivery needs of a transport (nodemailer's, or a fake in unit tests). */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** The sender address: MAIL_FROM, else noreply@ the SMTP host. */
export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAIL_FROM?.trim() || 'Kompetensnav <noreply@kompetensnav.invalid>';
}

/** Sends up to `limit` unsent messages; returns how many were sent and how many failed. */
export async function deliverPending(
  db: Db,
  transport: MailTransport,
  options: { from?: string; limit?: number; now?: () => Date } = {},
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(mailOutbox.id))
    .limit(options.limit ?? 50);
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    const claimed = await db
      .update(mailOutbox)
      .set({ attempts: row.attempts + 1 })
      .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.attempts, row.attempts), isNull(mailOutbox.sentAt)))
      .returning({ id: mailOutbox.id });
    if (claimed.length !== 1) continue;
    try {
      await transport.sendMail({
        from: options.from ?? mailFrom(),
        to: row.toAddress,
        subject: row.subject,
        text: row.bodyText,
      });
      await db
        .update(mailOutbox)
        .set({ sentAt: now().toISOString(), lastError: null })
        .where(eq(mailOutbox.id, row.id));
      sent += 1;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      await db.update(mailOutbox).set({ lastError: message }).where(eq(mailOutbox.id, row.id));
      logEvent('mail.failed', { id: row.id, kind: row.kind, attempt: row.attempts + 1, error: message });
      failed += 1;
    }
  }
  return { sent, failed };
}

/**
 * Starts the delivery loop when SMTP_URL is set (every MAIL_POLL_SECONDS,
 * default 5); returns a stop function. Without SMTP_URL: a no-op.
 */
export function startMailDelivery(db: Db, env: NodeJS.ProcessEnv = process.env): () => void {
  const url = env.SMTP_URL?.trim();
  if (!url) return () => {};
  const transport = nodemailer.createTransport(url);
  const seconds = Number(env.MAIL_POLL_SECONDS);
  const intervalMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000;
  let running = false;
  const round = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await deliverPending(db, transport, { from: mailFrom(env) });
    } catch (err) {
      logEvent('mail.round-failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  void round();
  return () => {
    clearInterval(timer);
    transport.close();
  };
}
