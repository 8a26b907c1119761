/**
 * A PostgreSQL server of a test's own, in a temporary folder, made with
 * Debian's binaries (/usr/lib/postgresql/<newest>/bin, or PG_BIN): for tests
 * that stop and start the database, which must never stop the machine's
 * shared server. Run as root, the server runs as the `postgres` user (initdb
 * refuses root). Trust authentication on 127.0.0.1 only.
 *
 * Lifecycle: `createPgCluster(port)` runs initdb and starts the server;
 * `stop()`/`start()` take it down and up with the data kept; `destroy()`
 * stops it and removes the folder.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  stop: () => void;
  start: () => void;
  destroy: () => void;
}

function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'pg_ctl')));
  if (!found)
    throw new Error(
      'PostgreSQL-programmen saknas (pg_ctl, initdb): installera med `apt-get install -y postgresql` eller ange PG_BIN.',
    );
  return found;
}

/** Runs a server program, as the `postgres` user when this process is root. */
function run(program: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  execFileSync(cmd, argv, { stdio: 'pipe', cwd: tmpdir() });
}

export function createPgCluster(port: number): PgCluster {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const stop = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: () => {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
