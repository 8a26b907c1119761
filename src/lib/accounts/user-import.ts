/**
 * Imports participants from a CSV file into one agency: validate everything
 * first (dry run), and only when the file is clean insert every row in one
 * transaction. Imported accounts are learners without a password; they get
 * a reset link to choose one.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { teams, users } from '#db/schema.ts';
import { audit } from '#lib/audit/audit-log.ts';
import { validateCsv, type CsvRow, type RowProblem } from './user-csv.ts';
import { transaction } from '#db/tx.ts';

export type ImportResult =
  | { ok: true; dryRun: boolean; rows: CsvRow[]; created: number; accounts: { id: number; email: string }[] }
  | { ok: false; problems: RowProblem[] };

export interface ImportOptions {
  agencyId: number;
  text: string;
  dryRun: boolean;
  actor: { id: number; email: string } | null;
  /**
   * A dry run checks addresses only against this agency's accounts (an agency manager's check must not
   * reveal which addresses other agencies hold); the import itself always checks every account.
   */
  ownAgencyOnly?: boolean;
  /** Called every few hundred rows while inserting (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Validates and (unless `dryRun`) imports a CSV file of participants. */
export async function importUsers(db: Db, options: ImportOptions): Promise<ImportResult> {
  const agencyTeams = await db.select().from(teams).where(eq(teams.agencyId, options.agencyId));
  const holders = db.select({ email: users.email }).from(users);
  const existing =
    options.dryRun && options.ownAgencyOnly ? await holders.where(eq(users.agencyId, options.agencyId)) : await holders;
  const existingEmails = new Set(existing.map((u) => u.email));
  const { rows, problems } = validateCsv(options.text, { teams: agencyTeams.map((t) => t.name), existingEmails });
  if (problems.length > 0) return { ok: false, problems };
  if (options.dryRun) return { ok: true, dryRun: true, rows, created: 0, accounts: [] };
  const teamIds = new Map(agencyTeams.map((t) => [t.name, t.id]));
  const accounts: { id: number; email: string }[] = [];
  await transaction(db, async (tx) => {
    for (const [i, row] of rows.entries()) {
      const [made] = await tx
        .insert(users)
        .values({
          name: row.name,
          email: row.email,
          agencyId: options.agencyId,
          teamId: row.team === null ? null : teamIds.get(row.team)!,
          role: 'learner',
        })
        .returning({ id: users.id, email: users.email });
      accounts.push(made);
      if (options.onProgress && (i % 250 === 249 || i === rows.length - 1)) options.onProgress(i + 1, rows.length);
    }
  });
  await audit(db, {
    actor: options.actor,
    action: 'users.import',
    targetType: 'agency',
    targetId: options.agencyId,
    agencyId: options.agencyId,
    outcome: 'ok',
    detail: `${rows.length} konton`,
  });
  return { ok: true, dryRun: false, rows, created: rows.length, accounts };
}
