/**
 * The database schema (Drizzle, SQLite). Migrations in db/migrations are
 * generated from this file by `npm run db:generate` and never edited by hand.
 * Timestamps are ISO-8601 UTC strings; text is stored NFC-normalised.
 */
import {
  sqliteTable,
  text,
  integer,
  blob,
  real,
  uniqueIndex,
  index,
  check,
  foreignKey,
  primaryKey,
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A customer agency, e.g. Pensionsmyndigheten (PM). */
export const agencies = sqliteTable(
  'agencies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Short code shown in lists and used by the CSV import, e.g. "PM". */
    code: text('code').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('agencies_code_unique').on(t.code), uniqueIndex('agencies_name_unique').on(t.name)],
);

/** A team belongs to exactly one agency. */
export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('teams_agency_name_unique').on(t.agencyId, t.name),
    index('teams_agency_idx').on(t.agencyId),
    // Target of users' (team_id, agency_id) foreign key: a user's team is always in the user's agency.
    uniqueIndex('teams_id_agency_unique').on(t.id, t.agencyId),
  ],
);

/**
 * Roles beyond `learner`. Every user can take courses; `role` is the one
 * extra power a user may hold (or `learner` for none).
 */
export const ROLES = ['learner', 'manager', 'trainer', 'admin'] as const;
/** A manager is responsible for one team or for the whole agency. */
export const MANAGER_SCOPES = ['team', 'agency'] as const;

/**
 * A person who signs in. E-mail is stored trimmed, NFC-normalised and
 * lower-cased, so the unique index makes it unique case-insensitively.
 * `password_hash` is an argon2id PHC string, or null until the user has
 * chosen a password through a reset link (imported participants).
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    teamId: integer('team_id'),
    role: text('role', { enum: ROLES }).notNull().default('learner'),
    managerScope: text('manager_scope', { enum: MANAGER_SCOPES }),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    passwordHash: text('password_hash'),
    createdAt: text('created_at').notNull().default(now),
    lastLoginAt: text('last_login_at'),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    index('users_agency_idx').on(t.agencyId),
    index('users_team_idx').on(t.teamId),
    foreignKey({
      columns: [t.teamId, t.agencyId],
      foreignColumns: [teams.id, teams.agencyId],
      name: 'users_team_in_agency_fk',
    }).onDelete('restrict'),
    check('users_role_valid', sql`${t.role} in ('learner', 'manager', 'trainer', 'admin')`),
    // A manager has a scope, nobody else has one; a team manager has a team.
    check(
      'users_manager_scope_valid',
      sql`(${t.role} = 'manager' and ${t.managerScope} in ('team', 'agency')) or (${t.role} <> 'manager' and ${t.managerScope} is null)`,
    ),
    check('users_team_manager_has_team', sql`${t.managerScope} is not 'team' or ${t.teamId} is not null`),
  ],
);

/**
 * A signed-in session (lucia-auth.com pattern). The cookie holds
 * `<id>.<secret>`; only SHA-256(secret) is stored. Rows are deleted at
 * logout, on expiry, and when the user is disabled or changes password.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
    lastVerifiedAt: text('last_verified_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * A one-time password-reset link `<id>.<secret>`, made by an admin or an
 * agency manager. Only SHA-256(secret) is stored; the row is deleted when used.
 */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/** What happened to an audited action. */
export const AUDIT_OUTCOMES = ['ok', 'failed', 'denied', 'locked'] as const;

/**
 * The audit log: who did what, when, to what, and how it went. Actor e-mail is
 * copied so the row survives the user; `detail` never holds a token or password.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** The agency the target belongs to, so the log can be filtered by agency. */
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'set null' }),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action),
    index('audit_agency_idx').on(t.agencyId),
  ],
);

/**
 * One row per participant and lesson: first visit, last visit, and the
 * completion with the lesson revision it was made on. UNIQUE(user, lesson)
 * makes every write an idempotent upsert. `agency_id` is the participant's
 * agency at write time, so per-agency reports never join across agencies.
 */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    startedAt: text('started_at').notNull(),
    lastVisitedAt: text('last_visited_at').notNull(),
    completedAt: text('completed_at'),
    completedRevision: integer('completed_revision'),
  },
  (t) => [
    uniqueIndex('lesson_progress_user_lesson_unique').on(t.userId, t.lessonId),
    index('lesson_progress_user_course_idx').on(t.userId, t.courseId),
    // Per lesson of one agency's course (the course page's funnel), and the seeks the manager dashboard makes
    // for completions on an old revision and for rows of lessons no longer in the course: covering, agency first.
    index('lesson_progress_agency_course_idx').on(
      t.agencyId,
      t.courseId,
      t.lessonId,
      t.completedRevision,
      t.userId,
      t.completedAt,
    ),
    index('lesson_progress_course_lesson_idx').on(t.courseId, t.lessonId),
    // (No agency × user × course index: the dashboard reads course_progress_summary, and such an index
    // held last_visited_at, so every visit and completion rewrote it — 10 % of a completion's cost. Nor an
    // agency × user × completed_at one (dropped in 0010): every completion rewrote it, and one team's
    // activity chart reads its members' ~100 rows each through the unique index in about as little time.)
  ],
);

/**
 * Derived data, never written by application code: per agency, participant
 * and course, the count of lesson rows, of completed ones and the latest
 * visit, so the manager dashboard reads a row per participant and course
 * instead of one per lesson. SQL triggers on lesson_progress (migration
 * 0006_report_summary_triggers) keep it equal to
 * `select agency_id, user_id, course_id, count(*), count(completed_at), max(last_visited_at)
 *  from lesson_progress group by agency_id, user_id, course_id` for every writer.
 * Counts cover every lesson row, also of lessons since removed from the
 * course; the report subtracts those (src/lib/team-report/team-report.ts).
 * No foreign keys: rows come and go with their lesson rows (a cascade from
 * users would race the triggers' recomputation).
 */
export const courseProgressSummary = sqliteTable(
  'course_progress_summary',
  {
    agencyId: integer('agency_id').notNull(),
    userId: integer('user_id').notNull(),
    courseId: text('course_id').notNull(),
    lessonsStarted: integer('lessons_started').notNull(),
    lessonsCompleted: integer('lessons_completed').notNull(),
    lastActivityAt: text('last_activity_at').notNull(),
  },
  // The dashboard sums one agency's rows per participant through the primary key. Per course it
  // counts, and seeks the completed pairs (lessons_completed at the course's size), in the second index;
  // it leaves out last_activity_at, and visits update only that column (trigger in 0009), so only a
  // new pair or a completion writes it.
  (t) => [
    primaryKey({ columns: [t.agencyId, t.userId, t.courseId] }),
    index('course_progress_summary_agency_course_idx').on(t.agencyId, t.courseId, t.lessonsCompleted, t.userId),
  ],
);

/**
 * Derived data, never written by application code: lesson completions per
 * agency and UTC day (the day of `completed_at`), for the dashboard's
 * 12-week activity chart of a whole agency. Kept by the same triggers as
 * course_progress_summary; a re-completion moves its count to the new day.
 */
export const agencyDailyCompletions = sqliteTable(
  'agency_daily_completions',
  {
    agencyId: integer('agency_id').notNull(),
    /** YYYY-MM-DD (UTC). */
    day: text('day').notNull(),
    completions: integer('completions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

/**
 * Every knowledge-check attempt, graded on the server. `answers` is the JSON
 * array of chosen option indexes by pool position, in the content's option
 * order (null = unanswered or not shown). The end-of-course case's attempts
 * are stored here too, with lesson id `<kurs>/slutfall`.
 */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    revision: integer('revision').notNull(),
    attemptedAt: text('attempted_at').notNull(),
    answers: text('answers').notNull(),
    right: integer('right').notNull(),
    total: integer('total').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    // ---- issue 18 (question pools): which pool questions this attempt showed, JSON array of
    // pool positions in the order shown; null for attempts made before pools (the whole pool).
    shown: text('shown'),
  },
  (t) => [
    index('quiz_attempts_user_lesson_idx').on(t.userId, t.lessonId),
    // issue 18: the per-person throttle counts one person's attempts of the last minute.
    index('quiz_attempts_user_time_idx').on(t.userId, t.attemptedAt),
    index('quiz_attempts_course_lesson_idx').on(t.courseId, t.lessonId),
    // The team course page: one agency's attempts at one course, never reading another agency's rows.
    index('quiz_attempts_agency_course_idx').on(t.agencyId, t.courseId, t.lessonId),
  ],
);

/** A completed course's columns: the current one (course_completions) and those a renewal replaced. */
const completionColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'restrict' }),
  courseId: text('course_id').notNull(),
  courseRevision: integer('course_revision').notNull(),
  completedAt: text('completed_at').notNull(),
  certificateCode: text('certificate_code').notNull(),
});

/**
 * A finished course: one per participant and course (UNIQUE), with the
 * certificate's public verification code.
 */
export const courseCompletions = sqliteTable('course_completions', completionColumns(), (t) => [
  uniqueIndex('course_completions_user_course_unique').on(t.userId, t.courseId),
  uniqueIndex('course_completions_code_unique').on(t.certificateCode),
  index('course_completions_agency_course_idx').on(t.agencyId, t.courseId),
]);

/**
 * A course completion replaced by a renewal (issue #17, recurring required
 * courses): when a person takes a course again within its renewal window,
 * course_completions gets the new date and certificate code and the old row
 * moves here, so the old certificate stays verifiable and the compliance
 * rule can tell a renewal in time from a late one. `replaced_at`: when the
 * renewal replaced it.
 */
export const earlierCompletions = sqliteTable(
  'earlier_completions',
  { ...completionColumns(), replacedAt: text('replaced_at').notNull() },
  (t) => [
    uniqueIndex('earlier_completions_code_unique').on(t.certificateCode),
    index('earlier_completions_user_course_idx').on(t.userId, t.courseId, t.completedAt),
  ],
);

/**
 * "Hjälpte den här lektionen?": one answer per participant and lesson
 * (UNIQUE, so editing is an upsert), with an optional short comment (≤ 500
 * characters, NFC). Trainers see only totals and comments without names.
 * `agency_id` is the participant's agency at write time, for per-agency totals.
 */
export const lessonFeedback = sqliteTable(
  'lesson_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    comment: text('comment'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('lesson_feedback_user_lesson_unique').on(t.userId, t.lessonId),
    index('lesson_feedback_course_lesson_idx').on(t.courseId, t.lessonId),
    check('lesson_feedback_comment_length', sql`${t.comment} is null or length(${t.comment}) <= 500`),
  ],
);

/**
 * Outgoing e-mail (transactional outbox): features queue a message in the
 * same transaction as the change it reports (src/lib/mail/outbox.ts); a
 * sender delivers queued rows over SMTP when SMTP_URL is set and marks them
 * sent. Without SMTP (the demo) the rows stay here and an admin reads them
 * as the demo outbox. `dedupe_key`, when set, makes a message at most once
 * (e.g. one reminder per assignment × person × kind × period).
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('mail_outbox_dedupe_unique').on(t.dedupeKey), index('mail_outbox_unsent_idx').on(t.sentAt, t.id)],
);

// ---------------------------------------------------------------- issue 18: question pools (quiz helper)

/**
 * One drawn knowledge check, made when a signed-in participant opens the
 * check page: which questions of the pool it shows and each one's option
 * order (`questions`: JSON `[[poolIndex, [contentOptionIndex per shown
 * position…]], …]`). The id (128 random bits) is the attempt id the form
 * posts; reloading the page shows the same draw until it is answered. A
 * draw is answered once (`answered_at`): a replay is refused. Lessons and
 * the end-of-course case (`<kurs>/slutfall`) alike; `revision` is the
 * content revision drawn from, so a changed lesson gets a new draw.
 */
export const quizDraws = sqliteTable(
  'quiz_draws',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    revision: integer('revision').notNull(),
    questions: text('questions').notNull(),
    createdAt: text('created_at').notNull(),
    answeredAt: text('answered_at'),
  },
  (t) => [index('quiz_draws_user_lesson_idx').on(t.userId, t.lessonId, t.answeredAt)],
);

// ---------------------------------------------------------------------------
// Required training (issue #17): assignments, reminder settings, job leases.
// ---------------------------------------------------------------------------

/** Whom an assignment covers. */
export const ASSIGNMENT_TARGETS = ['agency', 'team', 'person'] as const;

/**
 * A required course, or an ordered path of courses (`course_ids`, a JSON
 * array of course ids), with a due date (YYYY-MM-DD, the last day, UTC) for
 * one person, one team or a whole agency, optionally renewed every
 * `recurrence_months`. Membership is resolved when read (a team's current
 * members, an agency's active people), so nothing per person is stored and
 * a person moved to another team follows that team's assignments. The
 * target team is `restrict`: a team with assignments cannot be deleted.
 * A person target goes with the person (cascade).
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    targetType: text('target_type', { enum: ASSIGNMENT_TARGETS }).notNull(),
    targetTeamId: integer('target_team_id').references(() => teams.id, { onDelete: 'restrict' }),
    targetUserId: integer('target_user_id').references(() => users.id, { onDelete: 'cascade' }),
    courseIds: text('course_ids').notNull(),
    dueDate: text('due_date').notNull(),
    recurrenceMonths: integer('recurrence_months'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('assignments_agency_idx').on(t.agencyId),
    index('assignments_team_idx').on(t.targetTeamId),
    index('assignments_user_idx').on(t.targetUserId),
    check(
      'assignments_target_valid',
      sql`(${t.targetType} = 'agency' and ${t.targetTeamId} is null and ${t.targetUserId} is null)
        or (${t.targetType} = 'team' and ${t.targetTeamId} is not null and ${t.targetUserId} is null)
        or (${t.targetType} = 'person' and ${t.targetUserId} is not null and ${t.targetTeamId} is null)`,
    ),
    check('assignments_courses_json', sql`json_valid(${t.courseIds}) and json_array_length(${t.courseIds}) > 0`),
    check(
      'assignments_recurrence_valid',
      sql`${t.recurrenceMonths} is null or ${t.recurrenceMonths} between 1 and 120`,
    ),
  ],
);

/** A learner's choice to turn off the optional reminders (due soon, overdue). No row: all reminders on. */
export const reminderSettings = sqliteTable('reminder_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  optionalOff: integer('optional_off', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull().default(now),
});

/**
 * A lease per background job, so that across server processes and restarts
 * one holder runs a job at a time and a run is due at `next_run_at`: a
 * holder claims the row only when the run is due and no live lease exists.
 */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  leaseUntil: text('lease_until').notNull(),
  nextRunAt: text('next_run_at').notNull(),
  lastRunAt: text('last_run_at'),
  lastResult: text('last_result'),
});

// ---- Issue #15 (postgres helper): login rate-limit buckets shared by every app process ----

/**
 * Token buckets for sign-in throttling (src/lib/auth/rate-limit.ts), in the
 * database so that every app process behind a load balancer counts the same
 * attempts. `tokens` left at `updated_at` (epoch milliseconds); rows that have
 * filled up again are swept.
 */
export const rateLimitBuckets = sqliteTable('rate_limit_buckets', {
  key: text('key').primaryKey(),
  tokens: real('tokens').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** Whether the latest attempt got a token: the answer of the one atomic upsert that takes it. */
  lastAllowed: integer('last_allowed', { mode: 'boolean' }).notNull(),
});

// ─── Identity (#16): second factor, sign-ins halfway through it, session devices ───

/**
 * A person's TOTP secret (RFC 6238, 30 s, 6 digits). `confirmed_at` is null
 * while enrolment waits for the first correct code; `last_used_step` (the
 * 30-second counter of the last accepted code) makes every code single-use.
 */
export const userTotp = sqliteTable('user_totp', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: blob('secret', { mode: 'buffer' }).notNull(),
  confirmedAt: text('confirmed_at'),
  lastUsedStep: integer('last_used_step').notNull().default(0),
});

/** Ten one-time recovery codes per person, stored as SHA-256 (hex); `used_at` once spent. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_unique').on(t.userId, t.codeHash)],
);

/**
 * A sign-in whose password was right and which waits for the second factor
 * (or for enrolment, for admins and managers without one). Token like a
 * session's (id + SHA-256 of the secret), in a cookie scoped to /logga-in,
 * for 10 minutes; deleted when the session starts.
 */
export const pendingLogins = sqliteTable('pending_logins', {
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** What /konto shows about each session: the browser it started in. Deleted with the session. */
export const sessionDevices = sqliteTable('session_devices', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  userAgent: text('user_agent').notNull(),
});

/**
 * OpenID Connect per agency: issuer, client id and secret (write-only in the
 * UI), the e-mail domains that belong to the agency (comma-separated, lower
 * case) and optionally the ID-token claim that names the person's team.
 */
export const agencySso = sqliteTable('agency_sso', {
  agencyId: integer('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecret: text('client_secret').notNull(),
  emailDomains: text('email_domains').notNull(),
  teamClaim: text('team_claim'),
  updatedAt: text('updated_at').notNull(),
});

/** A sign-in sent to an agency's provider: state (single use), PKCE verifier, nonce, 10 minutes. */
export const ssoStates = sqliteTable('sso_states', {
  state: text('state').primaryKey(),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** Sessions started by SSO: the ID token, for RP-initiated logout at the provider. Deleted with the session. */
export const ssoSessions = sqliteTable('sso_sessions', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  idToken: text('id_token').notNull(),
});
