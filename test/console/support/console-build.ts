import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SOURCES = join(ROOT, 'apps', 'console');
const OUTPUT = join(ROOT, 'dist', 'console', 'index.html');
const LOCK = join(ROOT, 'dist', '.console-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  return !existsSync(OUTPUT) || statSync(OUTPUT).mtimeMs < newestMtime(SOURCES);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the console with Vite unless dist/console is newer than its sources (`npm test` builds it
 * in pretest; this covers `npx jest test/console/...`). A lock directory keeps parallel spec files
 * from building at once.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (!stale()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`console build lock ${LOCK} held for 2 minutes; remove it if no build runs`);
      await sleep(250);
      if (!stale()) return;
    }
  }
  try {
    if (!stale()) return;
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--config', join(SOURCES, 'vite.config.mts')], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`console build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
