/**
 * One bot process per SQLite file. Two replicas on one file (two containers on a shared volume, a
 * second dyno, a forgotten `npm start`) would each run the timers, and SQLite's own locking is not
 * safe across hosts or network file systems. So the bot holds `<file>.lock`: who holds it (pid,
 * host, since when), refreshed every 10 s. A second bot refuses to start and says which process
 * holds the file. The CLI does not take the lock: a short command beside the bot is fine, SQLite
 * serialises its writes.
 *
 * A lock is stale, and taken over, when its holder is gone: on this host, when its pid no longer
 * runs (or is our own, after a container restart); from another host, when it has not been
 * refreshed for 30 s.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOCK_HEARTBEAT_MS = 10_000;
export const LOCK_STALE_MS = 30_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface SqliteLockOptions {
  /** Where a lost lock is reported (another process took it over after a long pause of this one). */
  onLost?: (message: string) => void;
  /** Tests: who this process is. */
  host?: string;
  pid?: number;
}

export interface SqliteLock {
  readonly file: string;
  release(): void;
}

export class SqliteInUseError extends Error {
  override readonly name = 'SqliteInUseError';
}

export function lockFileOf(databaseFile: string): string {
  return `${path.resolve(databaseFile)}.lock`;
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock's holder still counts; false when the lock is stale. */
function stillHeld(file: string, holder: Holder | undefined, me: { host: string; pid: number }): boolean {
  let ageMs: number;
  try {
    ageMs = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return false;
  }
  if (!holder) return ageMs < LOCK_STALE_MS; // being written just now, or unreadable: trust its age
  if (holder.host === me.host) return holder.pid !== me.pid && running(holder.pid);
  return ageMs < LOCK_STALE_MS;
}

function refusal(databaseFile: string, file: string, holder: Holder | undefined, host: string): SqliteInUseError {
  const who = holder ? `process ${holder.pid} on host ${holder.host}, running since ${holder.since}` : 'a process';
  // On this host a holder that no longer runs is taken over at once (stillHeld); from another, by the lock's age.
  const freed =
    holder?.host === host
      ? `Stop process ${holder.pid} first: once it no longer runs, starting again takes the file over.`
      : `If that process is gone, this start succeeds once ${file} is ${LOCK_STALE_MS / 1000} s old, or delete that file.`;
  return new SqliteInUseError(
    `Another Hosting Advisor bot (${who}) is using the SQLite file ${databaseFile}. SQLite serves one bot process: ` +
      `stop the other one, or, to run several replicas, give them a shared PostgreSQL (DATABASE_URL=postgres://…). ${freed}`,
  );
}

/** Takes the lock of `databaseFile` for this process, or throws SqliteInUseError naming its holder. */
export function lockSqliteFile(databaseFile: string, options: SqliteLockOptions = {}): SqliteLock {
  const file = lockFileOf(databaseFile);
  const me = { host: options.host ?? os.hostname(), pid: options.pid ?? process.pid };
  const holder: Holder = { ...me, since: new Date().toISOString(), token: randomUUID() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(file);
      // A second EEXIST: another process took the stale lock at the same moment, and holds it.
      if (attempt > 0 || stillHeld(file, current, me)) throw refusal(databaseFile, file, current, me.host);
      fs.rmSync(file, { force: true }); // stale: its holder is gone
    }
  }

  const ours = () => readHolder(file)?.token === holder.token;
  let lost = false;
  const heartbeat = setInterval(() => {
    if (ours()) {
      const now = new Date();
      try {
        fs.utimesSync(file, now, now);
      } catch {}
    } else if (!lost) {
      lost = true;
      options.onLost?.(
        `the lock on the SQLite file ${databaseFile} was taken by another process (${file}): two bots now share the file; stop one of them`,
      );
    }
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    file,
    release() {
      clearInterval(heartbeat);
      if (ours()) fs.rmSync(file, { force: true });
    },
  };
}
