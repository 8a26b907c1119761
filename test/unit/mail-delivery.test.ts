import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailOutbox, passwordResets, users } from '#db/schema.ts';
import { deliverPending, MAX_ATTEMPTS, type MailTransport } from '#lib/mail/delivery.ts';
import { queueMail } from '#lib/mail/outbox.ts';
import { invitationMail, securityNoticeMail } from '#lib/mail/messages.ts';
import { publicOrigin, absoluteUrl as publicUrl } from '#lib/http/public-origin.ts';
import { createResetToken } from '#lib/auth/password-reset.ts';
import { requestPasswordReset, resetByAccount, resetByIp } from '#lib/auth/forgot-password.ts';
import { createUser, setUserPassword } from '#lib/accounts/users.ts';
import { agencies } from '#db/schema.ts';
import { memoryDb } from '../helpers/db.ts';

function recorder(failWith?: string): MailTransport & { sent: { to: string; subject: string; text: string }[] } {
  const sent: { to: string; subject: string; text: string }[] = [];
  return {
    sent,
    sendMail: async (mail) => {
      if (failWith) throw new Error(failWith);
      sent.push(mail);
    },
  };
}

async function withUser() {
  const db = memoryDb();
  const [agency] = await db.insert(agencies).values({ code: 'FK', name: 'Försäkringskassan' }).returning();
  const made = await createUser(db, {
    name: 'Åsa Test',
    email: 'asa@fk.example',
    agencyId: agency.id,
    teamId: null,
    role: 'learner',
    managerScope: null,
    passwordHash: 'x',
  });
  if (!made.ok) throw new Error(made.error);
  return { db, userId: made.id };
}

describe('deliverPending', () => {
  it('sends each unsent message once and marks it sent', async () => {
    const db = memoryDb();
    await queueMail(db, { to: 'a@x.example', subject: 'S1', text: 'T', kind: 'k' });
    await queueMail(db, { to: 'b@x.example', subject: 'S2', text: 'T', kind: 'k' });
    const transport = recorder();
    expect(await deliverPending(db, transport)).toEqual({ sent: 2, failed: 0 });
    expect(await deliverPending(db, transport)).toEqual({ sent: 0, failed: 0 });
    expect(transport.sent.map((m) => m.to)).toEqual(['a@x.example', 'b@x.example']);
    expect((await db.select().from(mailOutbox)).every((r) => r.sentAt !== null)).toBe(true);
  });

  it('keeps a failing message with its error and gives up after MAX_ATTEMPTS', async () => {
    const db = memoryDb();
    await queueMail(db, { to: 'a@x.example', subject: 'S', text: 'T', kind: 'k' });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) await deliverPending(db, recorder('connection refused'));
    const [row] = await db.select().from(mailOutbox);
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.lastError).toBe('connection refused');
  });

  it('two delivery rounds at once never send the same row twice', async () => {
    const db = memoryDb();
    for (let i = 0; i < 20; i++) await queueMail(db, { to: `p${i}@x.example`, subject: 'S', text: 'T', kind: 'k' });
    const transport = recorder();
    await Promise.all([deliverPending(db, transport), deliverPending(db, transport)]);
    expect(transport.sent).toHaveLength(20);
    expect(new Set(transport.sent.map((m) => m.to)).size).toBe(20);
  });
});

describe('messages', () => {
  it('are Swedish, with absolute links from PUBLIC_ORIGIN', () => {
    const env = { PUBLIC_ORIGIN: 'https://kompetensnav.example' };
    expect(publicOrigin(env)).toBe('https://kompetensnav.example');
    expect(publicUrl('/konto', env)).toBe('https://kompetensnav.example/konto');
    const mail = invitationMail({ email: 'a@x.example', name: 'Åsa' }, 'abc.def', new Date('2026-12-04T10:00:00Z'));
    expect(mail.subject).toContain('Välkommen');
    expect(mail.text).toContain('gäller till 2026-12-04 10:00 UTC');
    expect(mail.text).toMatch(/https?:\/\/[^\s]+\/konto\/aterstall\/abc\.def/);
    expect(securityNoticeMail({ email: 'a@x.example', name: 'Åsa' }, 'password').subject).toBe(
      'Ditt lösenord har bytts – Kompetensnav',
    );
  });
});

describe('password links and changes', () => {
  it('a reset link and its mail are made in one transaction', async () => {
    const { db, userId } = await withUser();
    await createResetToken(db, userId, new Date(), (token, expiresAt) =>
      invitationMail({ email: 'asa@fk.example', name: 'Åsa Test' }, token, expiresAt),
    );
    const [row] = await db.select().from(mailOutbox);
    expect(row.kind).toBe('invitation');
    expect(await db.select().from(passwordResets)).toHaveLength(1);
  });

  it('a password change ends outstanding reset links and queues the notice', async () => {
    const { db, userId } = await withUser();
    await createResetToken(db, userId);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    await setUserPassword(db, userId, 'new-hash', securityNoticeMail(user, 'password'));
    expect(await db.select().from(passwordResets)).toHaveLength(0);
    expect((await db.select().from(mailOutbox)).map((r) => r.kind)).toEqual(['notice.password']);
  });

  it('"Glömt lösenord?" answers ok for unknown addresses too, mails only the account, and throttles', async () => {
    const { db } = await withUser();
    await resetByIp.reset(db, '10.0.0.1');
    await resetByAccount.reset(db, 'asa@fk.example');
    await resetByAccount.reset(db, 'ingen@fk.example');
    expect(await requestPasswordReset(db, { email: 'ingen@fk.example', ip: '10.0.0.1' })).toEqual({ ok: true });
    expect(await requestPasswordReset(db, { email: ' ASA@fk.example', ip: '10.0.0.1' })).toEqual({ ok: true });
    expect((await db.select().from(mailOutbox)).map((r) => r.toAddress)).toEqual(['asa@fk.example']);
    await requestPasswordReset(db, { email: 'asa@fk.example', ip: '10.0.0.1' });
    await requestPasswordReset(db, { email: 'asa@fk.example', ip: '10.0.0.1' });
    expect(await requestPasswordReset(db, { email: 'asa@fk.example', ip: '10.0.0.1' })).toEqual({
      ok: false,
      reason: 'throttled',
    });
    // Only the newest link is valid: each request replaces the previous one.
    expect(await db.select().from(passwordResets)).toHaveLength(1);
  });
});
