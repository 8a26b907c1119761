/**
 * Starts the real built server (dist/, via src/cli/start.ts) on 127.0.0.1 and
 * a free port, with its own temporary database, for integration and browser
 * tests, benchmarks and the accessibility audit. Requires `astro build` to
 * have run (npm test does it first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  databasePath: string;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number;
  stop: () => Promise<void>;
  /** Everything the server printed so far. */
  output: () => string;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const outDir = env.OUT_DIR ?? process.env.OUT_DIR ?? 'dist';
  if (!existsSync(`${outDir}/server/entry.mjs`)) {
    throw new Error(
      `${outDir}/ saknas: kör "npm run build" (eller "npm test", som bygger först) innan servertesterna.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-server-'));
  const databasePath = join(dir, 'test.db');
  const child: ChildProcess = spawn(process.execPath, ['src/cli/start.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: databasePath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = await new Promise<string>((resolve, reject) => {
    // 90 s: seeding the demo hashes ~70 passwords with argon2, which takes over 30 s on a busy 2-core machine.
    const timer = setTimeout(() => reject(new Error(`servern startade inte inom 90 s:\n${log}`)), 90_000);
    child.stdout!.on('data', () => {
      const m = /körs på (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`servern avslutades (${code}):\n${log}`));
    });
  });
  return {
    url,
    databasePath,
    pid: child.pid!,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
