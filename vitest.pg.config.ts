/// <reference types="vitest/config" />
/**
 * The PostgreSQL suite (`npm run test:pg`, part of `npm test`): the tests that
 * take their database from test/helpers/db.ts, run again on a real
 * PostgreSQL server (TEST_POSTGRES_URL, default the machine's 127.0.0.1:5432),
 * plus the PostgreSQL-only tests (test/postgres). Never skipped: without a
 * server the first test fails with the reason.
 */
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    environment: 'node',
    include: [
      'test/unit/progress.test.ts',
      'test/unit/session.test.ts',
      'test/unit/team-report.test.ts',
      'test/unit/access.test.ts',
      'test/unit/login.test.ts',
      'test/unit/feedback.test.ts',
      'test/unit/mail-outbox.test.ts',
      'test/unit/rate-limit.test.ts',
      'test/unit/quiz-draws.test.ts',
      'test/unit/assignments.test.ts',
      'test/unit/assignment-reminders.test.ts',
      'test/unit/renewal.test.ts',
      'test/unit/course-stats-queries.test.ts',
      'test/unit/text-search.test.ts',
      'test/unit/user-import.test.ts',
      'test/unit/transaction.test.ts',
      'test/integration/report-summaries.test.ts',
      'test/postgres/**/*.test.ts',
    ],
    env: { TEST_DATABASE: 'postgres', SERVER_START_TIMEOUT_MS: '180000' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
