/**
 * Installs and runs the instrumentation fixture projects (test/instrumentations/fixtures/<name>)
 * as child processes, the way an application would run with those libraries.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** This folder in the source tree, also when capture.ts runs compiled from dist/capture/. */
export const INSTRUMENTATIONS_DIR = __dirname.replace(`${sep}dist${sep}capture${sep}`, sep);
export const FIXTURES_DIR = join(INSTRUMENTATIONS_DIR, 'fixtures');

/** Each fixture project and the scripts in it (one per library); see the fixtures' package.json. */
export const FIXTURES = {
  'otel-js': ['openai-instrumentation', 'openinference', 'ai-sdk-telemetry', 'langfuse'],
  'ai-sdk-7': ['ai-sdk-otel'],
  traceloop: ['traceloop'],
} as const;
export type FixtureName = keyof typeof FIXTURES;

/** Freeze guards only: a clean install takes seconds, a script a second or two. */
const INSTALL_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 90_000;
const STALE_LOCK_MS = INSTALL_TIMEOUT_MS + 60_000;
const MARKER = '.fleetwatch-installed';

function lockHash(dir: string): string {
  return createHash('sha256')
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex');
}

function installed(dir: string, hash: string): boolean {
  const marker = join(dir, 'node_modules', MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8') === hash;
}

function npmCi(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], { timeout: INSTALL_TIMEOUT_MS }, (error, _stdout, stderr) =>
      error ? reject(new Error(`npm ci --prefix ${dir} failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `npm ci` for a fixture unless its node_modules already matches its package-lock.json. A
 * lock directory (mkdir is atomic) keeps parallel Jest workers from installing the same fixture at once.
 */
export async function ensureFixtureInstalled(name: FixtureName): Promise<void> {
  const dir = join(FIXTURES_DIR, name);
  const hash = lockHash(dir);
  if (installed(dir, hash)) return;
  const lock = join(dir, '.install.lock');
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (installed(dir, hash)) return;
      // A worker that died mid-install leaves its lock behind; past the install guard it is stale.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for another install of fixture ${name}`);
      await sleep(250);
    }
  }
  try {
    if (installed(dir, hash)) return;
    await npmCi(dir);
    writeFileSync(join(dir, 'node_modules', MARKER), hash);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface FixtureEnv {
  FLEETWATCH_URL: string;
  FLEETWATCH_KEY: string;
  MOCK_OPENAI_URL: string;
  AGENT_ID: string;
}

export interface FixtureResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one fixture script with only the given environment (nothing of the test process leaks in). */
export function runFixture(name: FixtureName, script: string, env: FixtureEnv, timeoutMs = RUN_TIMEOUT_MS): Promise<FixtureResult> {
  const dir = join(FIXTURES_DIR, name);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, `${script}.mjs`)], { cwd: dir, env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fixture ${name}/${script} still running after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}
