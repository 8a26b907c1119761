/**
 * `npm run admin:create`: creates the first administrator, for a new
 * (production) database where no demo data is seeded. Refuses when an admin
 * already exists (use the admin pages then) and refuses weak passwords.
 *
 *   npm run admin:create -- --email anna@fk.se --name "Anna Admin" [--agency FK]
 *     [--agency-name Försäkringskassan]  (creates the agency when it does not exist)
 *   Missing values are asked for; the password is read without echo, or from
 *   ADMIN_PASSWORD when there is no terminal (never as a flag: it would end up
 *   in the shell history and the process list).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { eq } from 'drizzle-orm';
import { closeDatabase, databaseLabel, getDb } from '#db/client.ts';
import { users } from '#db/schema.ts';
import { AgencyForm } from '#lib/accounts/admin-forms.ts';
import { createAgency, findAgency } from '#lib/accounts/agencies.ts';
import { audit } from '#lib/audit/audit-log.ts';
import { hashPassword } from '#lib/auth/password.ts';
import { checkPassword } from '#lib/auth/password-policy.ts';
import { emailField, nameField } from '#lib/http/text-input.ts';
import { createUser } from '#lib/accounts/users.ts';

function fail(message: string): never {
  console.error(`admin:create: ${message}`);
  process.exit(1);
}

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // Print the prompt, then swallow the echo of what is typed.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
      s.startsWith(question) ? write.call(rl, s) : undefined;
  }
  const answer = await rl.question(question);
  if (hidden && process.stdin.isTTY) process.stdout.write('\n');
  rl.close();
  return answer;
}

async function readPassword(context: { email: string; name: string }): Promise<string> {
  if (process.env.ADMIN_PASSWORD !== undefined) {
    const check = checkPassword(process.env.ADMIN_PASSWORD, context);
    if (!check.ok) fail(check.error);
    return process.env.ADMIN_PASSWORD;
  }
  if (!process.stdin.isTTY) fail('ingen terminal: ange lösenordet i miljövariabeln ADMIN_PASSWORD.');
  for (;;) {
    const password = await ask('Lösenord (minst 8 tecken, gärna en fras): ', true);
    const check = checkPassword(password, context);
    if (!check.ok) {
      console.error(check.error);
      continue;
    }
    if ((await ask('Upprepa lösenordet: ', true)) === password) return password;
    console.error('Lösenorden är inte likadana. Försök igen.');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      agency: { type: 'string', default: 'FK' },
      'agency-name': { type: 'string' },
    },
  });
  const db = getDb();
  if ((await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1))[0]) {
    fail('det finns redan en administratör. Skapa fler konton under Administration → Användare.');
  }
  const email = emailField.safeParse(values.email ?? (await ask('E-postadress: ')));
  if (!email.success) fail(email.error.issues[0].message);
  const name = nameField.safeParse(values.name ?? (await ask('Namn: ')));
  if (!name.success) fail(name.error.issues[0].message);
  // Everything is checked before anything is written.
  const password = await readPassword({ email: email.data, name: name.data });
  let agency = await findAgency(db, { code: values.agency!.toUpperCase() });
  if (!agency) {
    const input = AgencyForm.safeParse({
      code: values.agency,
      name: values['agency-name'] ?? (await ask(`Myndigheten ${values.agency} finns inte. Dess fullständiga namn: `)),
    });
    if (!input.success) fail(input.error.issues[0].message);
    const created = await createAgency(db, input.data);
    if (!created.ok) fail(created.error);
    agency = await findAgency(db, { id: created.id });
    console.log(`Myndigheten ${input.data.name} (${input.data.code}) skapad.`);
  }
  const result = await createUser(db, {
    name: name.data,
    email: email.data,
    agencyId: agency!.id,
    teamId: null,
    role: 'admin',
    managerScope: null,
    passwordHash: await hashPassword(password),
  });
  if (!result.ok) fail(result.error);
  await audit(db, {
    action: 'user.create',
    targetType: 'user',
    targetId: result.id,
    agencyId: agency!.id,
    outcome: 'ok',
    detail: 'första administratören (admin:create)',
  });
  console.log(`Administratören ${email.data} är skapad i ${databaseLabel()}. Logga in på /logga-in.`);
}

await main();
// A PostgreSQL pool would otherwise keep the process alive until its idle connections time out.
await closeDatabase(getDb());
