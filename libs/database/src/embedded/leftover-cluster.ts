import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const STOP_WAIT_MS = 60_000;
const POLL_MS = 100;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, whether the pid is a PostgreSQL server at all (a recycled pid may be anything). */
function looksLikePostgres(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * A server killed with SIGKILL leaves its embedded PostgreSQL running as an orphan, holding the
 * data directory (postmaster.pid), so a new one cannot start there. Stops such a leftover with a
 * fast shutdown (committed data is kept; open sessions are rolled back) and waits for it to exit.
 * Returns what was found, for the start-up log.
 */
export async function stopLeftoverCluster(dataDir: string, log: (line: string) => void): Promise<'none' | 'stale' | 'stopped'> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 'none';
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !looksLikePostgres(pid)) {
    // PostgreSQL itself refuses a lock file whose pid now belongs to another process.
    rmSync(pidFile, { force: true });
    return 'stale';
  }
  log(`a PostgreSQL left running in ${dataDir} (pid ${pid}) holds the data directory; stopping it`);
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    throw new Error(`PostgreSQL (pid ${pid}) from an earlier run still holds ${dataDir} and cannot be stopped: ${(error as Error).message}`);
  }
  const deadline = Date.now() + STOP_WAIT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`PostgreSQL (pid ${pid}) from an earlier run still holds ${dataDir} after ${STOP_WAIT_MS / 1000} s; stop it and start again`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return 'stopped';
}
