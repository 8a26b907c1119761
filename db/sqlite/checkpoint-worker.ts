/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the
 * server's database, a PASSIVE checkpoint every `intervalMs`. PASSIVE copies
 * what it can without waiting for any reader or writer, so it never holds up
 * a request; a busy moment only means the next round copies more. The file
 * is opened at the first round that finds it (the server creates and
 * migrates it).
 */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { databasePath, intervalMs } = workerData as { databasePath: string; intervalMs: number };
let db: Database.Database | null = null;

function open(): Database.Database | null {
  try {
    const opened = new Database(databasePath, { fileMustExist: true });
    opened.pragma('busy_timeout = 1000');
    // Same durability as the request connections: the database file is fsynced before the log is reused.
    opened.pragma('synchronous = FULL');
    return opened;
  } catch {
    return null;
  }
}

setInterval(() => {
  db ??= open();
  db?.pragma('wal_checkpoint(PASSIVE)');
}, intervalMs);
