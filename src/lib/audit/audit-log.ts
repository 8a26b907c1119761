/**
 * The audit log (table `audit_log`): who did what, when, to what, and the
 * outcome. Every entry is also written as a structured stdout line. Entries
 * hold ids and e-mails, never tokens or passwords. Only admins read it.
 */
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { containsText } from '#db/sql.ts';
import type { Db } from '#db/client.ts';
import { auditLog, AUDIT_OUTCOMES } from '#db/schema.ts';
import { logEvent } from './log.ts';

export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  actor?: { id: number; email: string } | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  agencyId?: number | null;
  outcome: AuditOutcome;
  /** Short, non-secret detail, e.g. "roll: learner → manager". */
  detail?: string;
  ip?: string | null;
}

/** Records an audited event in the table and on stdout. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  const row = {
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    agencyId: entry.agencyId ?? null,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    ip: entry.ip ?? null,
  };
  await db.insert(auditLog).values(row);
  logEvent(entry.action, {
    outcome: row.outcome,
    actorId: row.actorId,
    actor: row.actorEmail,
    target: row.targetType ? `${row.targetType}:${row.targetId}` : null,
    agencyId: row.agencyId,
    detail: row.detail,
    ip: row.ip,
  });
}

export interface AuditFilters {
  action?: string;
  outcome?: AuditOutcome;
  agencyId?: number;
  /** Part of the actor's e-mail. */
  actor?: string;
  /** Dates `YYYY-MM-DD`, inclusive, UTC. */
  from?: string;
  to?: string;
  limit?: number;
}

function conditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.action) where.push(eq(auditLog.action, filters.action));
  if (filters.outcome) where.push(eq(auditLog.outcome, filters.outcome));
  if (filters.agencyId) where.push(eq(auditLog.agencyId, filters.agencyId));
  if (filters.actor) where.push(containsText(auditLog.actorEmail, filters.actor));
  if (filters.from) where.push(gte(auditLog.at, `${filters.from}T00:00:00.000Z`));
  if (filters.to) where.push(lte(auditLog.at, `${filters.to}T23:59:59.999Z`));
  return where;
}

/** The newest audit rows matching the filters (default 200). */
export async function listAudit(db: Db, filters: AuditFilters = {}): Promise<AuditRow[]> {
  return await db
    .select()
    .from(auditLog)
    .where(and(...conditions(filters)))
    .orderBy(desc(auditLog.id))
    .limit(filters.limit ?? 200);
}

/** The distinct actions in the log, for the filter's choices. */
export async function auditActions(db: Db): Promise<string[]> {
  return (await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)).map(
    (r) => r.action,
  );
}
