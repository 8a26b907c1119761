import { describe, expect, it } from 'vitest';
import { mailOutbox } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';
import { queueMail } from '#lib/mail/outbox.ts';
import { memoryDb } from '../helpers/db.ts';

describe('queueMail', () => {
  it('queues a message once per dedupe key, and any number without one', async () => {
    const db = memoryDb();
    const mail = { to: 'a@x.example', subject: 'Påminnelse', text: 'Hej', kind: 'reminder.due' };
    expect(await queueMail(db, { ...mail, dedupeKey: 'k1' })).toBe(true);
    expect(await queueMail(db, { ...mail, dedupeKey: 'k1' })).toBe(false);
    expect(await queueMail(db, mail)).toBe(true);
    expect(await queueMail(db, mail)).toBe(true);
    expect(await db.select().from(mailOutbox)).toHaveLength(3);
  });

  it('queues nothing when the transaction it belongs to fails', async () => {
    const db = memoryDb();
    await expect(
      transaction(db, async (tx) => {
        await queueMail(tx, { to: 'a@x.example', subject: 'S', text: 'T', kind: 'invitation' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.select().from(mailOutbox)).toHaveLength(0);
  });
});
