/**
 * `npm run users:import -- deltagare.csv --agency PM [--dry-run] [--lankar lankar.csv]`: imports
 * participants into one agency from a CSV file (same format and checks as
 * the admin page). Every bad row is reported as `rad N, fält: orsak` and
 * nothing is imported until the file is clean; then all rows go in one
 * transaction, with a progress bar for large files. Exit code 1 on problems.
 * `--lankar` writes each new participant's one-time link (`e-post;länk`,
 * readable only by the owner) using PUBLIC_ORIGIN as the site address.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeDatabase, getDb } from '#db/client.ts';
import { findAgency } from '#lib/accounts/agencies.ts';
import { importUsers } from '#lib/accounts/user-import.ts';
import { createResetTokens } from '#lib/auth/password-reset.ts';
import { invitationMail, resetLink } from '#lib/mail/messages.ts';

function fail(message: string): never {
  console.error(`users:import: ${message}`);
  process.exit(1);
}

/** Draws `[#####-----] 50 % (500/1000)` on one line (a line per 10 % when not a terminal). */
function progress(done: number, total: number): void {
  const share = done / total;
  if (process.stderr.isTTY) {
    const width = 30;
    const filled = Math.round(share * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)} % (${done}/${total})`,
    );
    if (done === total) process.stderr.write('\n');
  } else {
    process.stderr.write(`${Math.round(share * 100)} % (${done}/${total})\n`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { agency: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, lankar: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || !values.agency) fail('användning: npm run users:import -- fil.csv --agency PM [--dry-run]');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    fail(`kan inte läsa ${file}`);
  }
  const db = getDb();
  const agency = await findAgency(db, { code: values.agency });
  if (!agency) fail(`myndigheten ${values.agency} finns inte (ange kortnamnet, t.ex. PM)`);
  const text = new TextDecoder('utf-8').decode(bytes);
  const checked = await importUsers(db, { agencyId: agency.id, text, dryRun: true, actor: null });
  if (!checked.ok) {
    for (const p of checked.problems) console.error(`${file}: rad ${p.line}, ${p.field}: ${p.reason}`);
    fail(`${checked.problems.length} fel – ingenting importerades. Rätta filen och kör igen.`);
  }
  if (values['dry-run']) {
    console.log(
      `Filen är felfri: ${checked.rows.length} deltagare kan importeras till ${agency.name}. (Torrkörning: ingenting sparat.)`,
    );
    return;
  }
  const result = await importUsers(db, {
    agencyId: agency.id,
    text,
    dryRun: false,
    actor: null,
    onProgress: checked.rows.length >= 200 ? progress : undefined,
  });
  if (!result.ok) fail('filen ändrades under importen – ingenting importerades');
  console.log(`${result.created} deltagare importerades till ${agency.name}.`);
  // Every new participant gets an invitation by e-mail (delivered by the server over SMTP_URL).
  const names = new Map(result.rows.map((r) => [r.email, r.name]));
  const invitees = new Map(result.accounts.map((a) => [a.id, { email: a.email, name: names.get(a.email) ?? a.email }]));
  const tokens = await createResetTokens(
    db,
    [...invitees.keys()],
    new Date(),
    (id) => (token, expiresAt) => invitationMail(invitees.get(id)!, token, expiresAt),
  );
  console.log(`${tokens.size} inbjudningar med en länk för att välja lösenord ligger i utkorgen.`);
  if (values.lankar) {
    const lines = result.accounts.map((a) => `${a.email};${resetLink(tokens.get(a.id)!.token)}`);
    writeFileSync(values.lankar, `e-post;länk\n${lines.join('\n')}\n`, { mode: 0o600 });
    console.log(
      `Engångslänkar för att välja lösenord: ${values.lankar} (skicka var och en sin länk, radera sedan filen).`,
    );
  }
}

await main();
// A PostgreSQL pool would otherwise keep the process alive until its idle connections time out.
await closeDatabase(getDb());
