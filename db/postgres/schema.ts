/**
 * The PostgreSQL schema: the same tables, columns, keys and indexes as
 * db/schema.ts (SQLite), in pg-core. drizzle-kit generates db/migrations-pg
 * from this file (`npm run db:generate:pg`); the report-summary triggers are
 * the custom migration 0001_report_summary_triggers (plpgsql).
 *
 * Feature code keeps importing the tables from db/schema.ts: Drizzle builds
 * PostgreSQL SQL from their names and columns, and test/unit/pg-schema.test.ts
 * checks that both schemas name the same tables and columns. Timestamps stay
 * ISO-8601 UTC text, so both engines store and compare the same strings.
 */
import {
  pgTable,
  text,
  integer,
  boolean,
  customType,
  uniqueIndex,
  unique,
  index,
  check,
  foreignKey,
  primaryKey,
  doublePrecision,
  bigint,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

const now = sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const agencies = pgTable(
  'agencies',
  {
    id: id(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('agencies_code_unique').on(t.code), uniqueIndex('agencies_name_unique').on(t.name)],
);

export const teams = pgTable(
  'teams',
  {
    id: id(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('teams_agency_name_unique').on(t.agencyId, t.name),
    index('teams_agency_idx').on(t.agencyId),
    // A constraint, not an index: users' (team_id, agency_id) foreign key needs it before the keys are added.
    unique('teams_id_agency_unique').on(t.id, t.agencyId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    teamId: integer('team_id'),
    role: text('role').notNull().default('learner'),
    managerScope: text('manager_scope'),
    active: boolean('active').notNull().default(true),
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
    check(
      'users_manager_scope_valid',
      sql`(${t.role} = 'manager' and ${t.managerScope} in ('team', 'agency')) or (${t.role} <> 'manager' and ${t.managerScope} is null)`,
    ),
    check('users_team_manager_has_team', sql`${t.managerScope} is distinct from 'team' or ${t.teamId} is not null`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: bytea('secret_hash').notNull(),
    createdAt: text('created_at').notNull(),
    lastVerifiedAt: text('last_verified_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: bytea('secret_hash').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: text('at').notNull().default(now),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'set null' }),
    outcome: text('outcome').notNull(),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action),
    index('audit_agency_idx').on(t.agencyId),
  ],
);

export const lessonProgress = pgTable(
  'lesson_progress',
  {
    id: id(),
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
    index('lesson_progress_agency_course_idx').on(
      t.agencyId,
      t.courseId,
      t.lessonId,
      t.completedRevision,
      t.userId,
      t.completedAt,
    ),
    index('lesson_progress_course_lesson_idx').on(t.courseId, t.lessonId),
  ],
);

export const courseProgressSummary = pgTable(
  'course_progress_summary',
  {
    agencyId: integer('agency_id').notNull(),
    userId: integer('user_id').notNull(),
    courseId: text('course_id').notNull(),
    lessonsStarted: integer('lessons_started').notNull(),
    lessonsCompleted: integer('lessons_completed').notNull(),
    lastActivityAt: text('last_activity_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.userId, t.courseId] }),
    index('course_progress_summary_agency_course_idx').on(t.agencyId, t.courseId, t.lessonsCompleted, t.userId),
  ],
);

export const agencyDailyCompletions = pgTable(
  'agency_daily_completions',
  {
    agencyId: integer('agency_id').notNull(),
    day: text('day').notNull(),
    completions: integer('completions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: id(),
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
    passed: boolean('passed').notNull(),
    shown: text('shown'),
  },
  (t) => [
    index('quiz_attempts_user_lesson_idx').on(t.userId, t.lessonId),
    index('quiz_attempts_user_time_idx').on(t.userId, t.attemptedAt),
    index('quiz_attempts_course_lesson_idx').on(t.courseId, t.lessonId),
    index('quiz_attempts_agency_course_idx').on(t.agencyId, t.courseId, t.lessonId),
  ],
);

/** See db/schema.ts. */
const completionColumns = () => ({
  id: id(),
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

export const courseCompletions = pgTable('course_completions', completionColumns(), (t) => [
  uniqueIndex('course_completions_user_course_unique').on(t.userId, t.courseId),
  uniqueIndex('course_completions_code_unique').on(t.certificateCode),
  index('course_completions_agency_course_idx').on(t.agencyId, t.courseId),
]);

/** See db/schema.ts. */
export const earlierCompletions = pgTable(
  'earlier_completions',
  { ...completionColumns(), replacedAt: text('replaced_at').notNull() },
  (t) => [
    uniqueIndex('earlier_completions_code_unique').on(t.certificateCode),
    index('earlier_completions_user_course_idx').on(t.userId, t.courseId, t.completedAt),
  ],
);

export const lessonFeedback = pgTable(
  'lesson_feedback',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    helpful: boolean('helpful').notNull(),
    comment: text('comment'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('lesson_feedback_user_lesson_unique').on(t.userId, t.lessonId),
    index('lesson_feedback_course_lesson_idx').on(t.courseId, t.lessonId),
    check('lesson_feedback_comment_length', sql`${t.comment} is null or length(${t.comment}) <= 500`),
  ],
);

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
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

// ---- Question pools (#18) and required training (#17): see db/schema.ts for what each holds ----

export const quizDraws = pgTable(
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

export const assignments = pgTable(
  'assignments',
  {
    id: id(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    targetType: text('target_type', { enum: ['agency', 'team', 'person'] }).notNull(),
    targetTeamId: integer('target_team_id').references(() => teams.id, { onDelete: 'restrict' }),
    targetUserId: integer('target_user_id').references(() => users.id, { onDelete: 'cascade' }),
    // JSON text as on SQLite, so both engines store and read the same value.
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
    check(
      'assignments_courses_json',
      sql`jsonb_typeof(${t.courseIds}::jsonb) = 'array' and jsonb_array_length(${t.courseIds}::jsonb) > 0`,
    ),
    check(
      'assignments_recurrence_valid',
      sql`${t.recurrenceMonths} is null or ${t.recurrenceMonths} between 1 and 120`,
    ),
  ],
);

export const reminderSettings = pgTable('reminder_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  optionalOff: boolean('optional_off').notNull().default(false),
  updatedAt: text('updated_at').notNull().default(now),
});

export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  leaseUntil: text('lease_until').notNull(),
  nextRunAt: text('next_run_at').notNull(),
  lastRunAt: text('last_run_at'),
  lastResult: text('last_result'),
});

// ---- Issue #15 (postgres helper): login rate-limit buckets shared by every app process ----
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  lastAllowed: boolean('last_allowed').notNull(),
});

// ─── Identity (#16): second factor, sign-ins halfway through it, session devices, SSO per agency ───
export const userTotp = pgTable('user_totp', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: bytea('secret').notNull(),
  confirmedAt: text('confirmed_at'),
  lastUsedStep: integer('last_used_step').notNull().default(0),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_unique').on(t.userId, t.codeHash)],
);

export const pendingLogins = pgTable('pending_logins', {
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretHash: bytea('secret_hash').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

export const sessionDevices = pgTable('session_devices', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  userAgent: text('user_agent').notNull(),
});

export const agencySso = pgTable('agency_sso', {
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

export const ssoStates = pgTable('sso_states', {
  state: text('state').primaryKey(),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to').notNull(),
  expiresAt: text('expires_at').notNull(),
});

export const ssoSessions = pgTable('sso_sessions', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  idToken: text('id_token').notNull(),
});
