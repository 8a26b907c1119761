/**
 * The account CLIs as an operator runs them: `admin:create` on an empty
 * database (weak passwords refused, nothing half-written, only once) and
 * `users:import` (every bad row reported with line and field, nothing
 * imported until clean, then all rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

let dir: string;
let databasePath: string;

function run(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath, KOMPETENSNAV_QUIET_LOG: '1', ...env },
    input: '',
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const query = <T>(sql: string): T => {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kompetensnav-cli-'));
  databasePath = join(dir, 'cli.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin:create', () => {
  it('refuses a common password and writes nothing', () => {
    const result = run(
      'src/cli/admin-create.ts',
      ['--email', 'anna@pm.example', '--name', 'Anna Admin', '--agency', 'PM', '--agency-name', 'Pensionsmyndigheten'],
      { ADMIN_PASSWORD: 'lösenord1' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('för vanligt');
    expect(query<{ n: number }>('select (select count(*) from users) + (select count(*) from agencies) as n').n).toBe(
      0,
    );
  });

  it('refuses to ask for a password without a terminal when ADMIN_PASSWORD is not set', () => {
    const result = run('src/cli/admin-create.ts', ['--email', 'anna@pm.example', '--name', 'Anna Admin']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ADMIN_PASSWORD');
  });

  it('creates the first admin (and the agency), hashed with argon2id, then refuses a second run', () => {
    const ok = run(
      'src/cli/admin-create.ts',
      [
        '--email',
        ' Anna@PM.example ',
        '--name',
        'Anna Admin',
        '--agency',
        'PM',
        '--agency-name',
        'Pensionsmyndigheten',
      ],
      { ADMIN_PASSWORD: 'en lång och bra fras' },
    );
    expect(ok.status, ok.stderr).toBe(0);
    const row = query<{ email: string; role: string; password_hash: string; code: string }>(
      'select u.email, u.role, u.password_hash, a.code from users u join agencies a on a.id = u.agency_id',
    );
    expect(row).toMatchObject({ email: 'anna@pm.example', role: 'admin', code: 'PM' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const again = run('src/cli/admin-create.ts', ['--email', 'other@pm.example', '--name', 'Other', '--agency', 'PM'], {
      ADMIN_PASSWORD: 'en lång och bra fras',
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('redan en administratör');
  });
});

describe('users:import', () => {
  it('reports each bad row with line, field and reason and imports nothing', () => {
    const file = join(dir, 'trasig.csv');
    writeFileSync(file, 'namn;e-post\nOk;ok@pm.example\n;tom@pm.example\nDubbel;OK@pm.example\nFel;inte-en-adress\n');
    const result = run('src/cli/users-import.ts', [file, '--agency', 'PM']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('rad 3, namn');
    expect(result.stderr).toContain('rad 4, e-post: Samma e-postadress som på rad 2');
    expect(result.stderr).toContain('rad 5, e-post');
    expect(query<{ n: number }>('select count(*) as n from users').n).toBe(1);
  });

  it('dry-runs, then imports a large clean file in one go with progress, NFD names stored as NFC', () => {
    const file = join(dir, 'stor.csv');
    const rows = Array.from({ length: 600 }, (_, i) => `${'Åsa Öberg'.normalize('NFD')} ${i};asa${i}@pm.example`);
    writeFileSync(file, `\uFEFFnamn;e-post\r\n${rows.join('\r\n')}\r\n`);
    const dry = run('src/cli/users-import.ts', [file, '--agency', 'pm', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('600 deltagare kan importeras');
    expect(query<{ n: number }>('select count(*) as n from users').n).toBe(1);
    const links = join(dir, 'lankar.csv');
    const real = run('src/cli/users-import.ts', [file, '--agency', 'PM', '--lankar', links], {
      PUBLIC_ORIGIN: 'https://kompetensnav.example',
    });
    expect(real.status, real.stderr).toBe(0);
    expect(real.stderr).toContain('100 % (600/600)');
    expect(query<{ n: number }>('select count(*) as n from users').n).toBe(601);
    expect(query<{ name: string }>("select name from users where email = 'asa0@pm.example'").name).toBe(
      'Åsa Öberg 0'.normalize('NFC'),
    );
    const written = readFileSync(links, 'utf8').trim().split('\n');
    expect(written).toHaveLength(601);
    expect(written[1]).toMatch(
      /^asa0@pm\.example;https:\/\/kompetensnav\.example\/konto\/aterstall\/[a-z2-7]+\.[a-z2-7]+$/,
    );
    expect(statSync(links).mode & 0o077).toBe(0);
    expect(query<{ n: number }>('select count(*) as n from password_resets').n).toBe(600);
  });

  it('names an unknown agency and a missing file', () => {
    expect(run('src/cli/users-import.ts', [join(dir, 'stor.csv'), '--agency', 'XX']).stderr).toContain('XX finns inte');
    expect(run('src/cli/users-import.ts', [join(dir, 'saknas.csv'), '--agency', 'PM']).stderr).toContain(
      'kan inte läsa',
    );
  });
});
