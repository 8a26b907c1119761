import { describe, expect, it } from 'vitest';
import { memoryDb } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';
import { lessonFeedback } from '#db/schema.ts';
import { feedbackForm, saveFeedback } from '#lib/progress/feedback.ts';

const lesson = { courseId: 'kurs', lessonId: 'kurs/lektion', revision: 1, hasQuiz: false };

describe('feedbackForm', () => {
  it('accepts ja/nej with an optional comment, NFC-normalised and trimmed, empty as null', () => {
    expect(feedbackForm.parse({ hjalpte: 'ja' })).toEqual({ hjalpte: 'ja' });
    expect(feedbackForm.parse({ hjalpte: 'nej', kommentar: '  A\u030angström\r\nrad två ' })).toEqual({
      hjalpte: 'nej',
      kommentar: 'Ångström\nrad två',
    });
    expect(feedbackForm.parse({ hjalpte: 'ja', kommentar: '   ' })).toEqual({ hjalpte: 'ja', kommentar: null });
    expect(
      feedbackForm.parse({ hjalpte: 'ja', kommentar: `< > & &lt; ' \\' 碁 \\ \\\\ =HYPERLINK("http://x")` }).kommentar,
    ).toContain('碁');
  });
  it('refuses anything else', () => {
    for (const body of [
      {},
      { hjalpte: 'kanske' },
      { hjalpte: true },
      { hjalpte: 'ja', kommentar: 'x'.repeat(501) },
      { hjalpte: 'ja', kommentar: 'a\u202eb' },
      { hjalpte: 'ja', kommentar: 'a\u200bb' },
      { hjalpte: 'ja', kommentar: 5 },
      { hjalpte: 'ja', userId: 3 },
    ]) {
      expect(feedbackForm.safeParse(body).success, JSON.stringify(body).slice(0, 60)).toBe(false);
    }
    expect(feedbackForm.safeParse({ hjalpte: 'ja', kommentar: 'x'.repeat(500) }).success).toBe(true);
  });
});

describe('saveFeedback', () => {
  it('keeps one row per participant and lesson, replaced by a new answer', async () => {
    const db = memoryDb();
    const { users } = await seedAccounts(db);
    await saveFeedback(
      db,
      users.learnerA,
      lesson,
      { hjalpte: 'ja', kommentar: 'Bra' },
      new Date('2026-11-01T00:00:00Z'),
    );
    await saveFeedback(db, users.learnerA, lesson, { hjalpte: 'nej' }, new Date('2026-11-02T00:00:00Z'));
    await saveFeedback(db, users.learnerB, lesson, { hjalpte: 'ja' });
    const rows = await db.select().from(lessonFeedback);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === users.learnerA.id)).toMatchObject({
      helpful: false,
      comment: null,
      updatedAt: '2026-11-02T00:00:00.000Z',
      agencyId: users.learnerA.agencyId,
    });
    expect(rows.find((r) => r.userId === users.learnerB.id)).toMatchObject({
      helpful: true,
      agencyId: users.learnerB.agencyId,
    });
  });
});
