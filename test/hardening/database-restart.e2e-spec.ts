import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../libs/database/src/embedded/free-port';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const READY_BOUND_MS = 120_000;

/** The newest source mtime under a directory, to rebuild dist only when it is out of date. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const postmasterPid = (dataDir: string): number => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** The exit code, or the signal's name when a signal ended the process. */
  exited: Promise<number | string | null>;
}

describe('a server killed with SIGKILL restarts on the same DATA_DIR', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  let dataDir: string;

  beforeAll(() => {
    // The real entry point, as `npm start` runs it; built once, only when sources changed.
    if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < Math.max(newest(join(ROOT, 'apps')), newest(join(ROOT, 'libs')))) {
      execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'ignore' });
    }
    dataDir = mkdtempSync(join(tmpdir(), 'fleetwatch-restart-'));
    // PostgreSQL runs as the `postgres` user when the tests run as root and must reach the directory.
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs) {
      const pidFile = join(dir, 'pg', 'postmaster.pid');
      if (existsSync(pidFile)) {
        const pid = postmasterPid(dir);
        if (isAlive(pid)) process.kill(pid, 'SIGINT');
        for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  async function start(env: Record<string, string>): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN, '--migrate'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        JWT_SECRET: 'restart-test-secret-long-enough-for-hs256',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | string | null>((done) => child.on('exit', (code, signal) => done(code ?? signal)));
    return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
  }

  async function waitReady(server: Server): Promise<void> {
    const deadline = Date.now() + READY_BOUND_MS;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null) throw new Error(`server exited ${server.child.exitCode}: ${server.output()}`);
      const status = await fetch(`${server.url}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`not ready within ${READY_BOUND_MS} ms: ${server.output()}`);
  }

  /** The fields of the answers this test reads (every call here answers with a JSON body). */
  interface AnswerBody {
    id: string;
    accessToken: string;
    points: unknown[];
  }

  async function call(server: Server, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: AnswerBody }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as AnswerBody };
  }

  it('stops the orphaned PostgreSQL, comes up, and keeps everything acknowledged before the kill', async () => {
    const first = await start({ DATA_DIR: dataDir });
    await waitReady(first);
    const credentials = { email: 'restart@example.test', password: 'restart-password' };
    expect((await call(first, 'POST', '/api/auth/register', undefined, { ...credentials, username: 'restart' })).status).toBe(201);
    const firstLogin = await call(first, 'POST', '/api/auth/login', undefined, credentials);
    expect(firstLogin).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
    const token = firstLogin.body.accessToken;
    const agent = await call(first, 'POST', '/api/agents', token, { name: 'survivor' });
    expect(agent.status).toBe(201);
    const timestamp = new Date(Date.now() - 60_000).toISOString();
    const ingest = await call(first, 'POST', '/api/ingest', token, { samples: [{ agentId: agent.body.id, type: 'queue_depth', value: 42, timestamp }] });
    expect(ingest.status).toBe(202);

    const orphan = postmasterPid(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(orphan)).toBe(true);

    const second = await start({ DATA_DIR: dataDir });
    await waitReady(second);
    expect(isAlive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    const login = await call(second, 'POST', '/api/auth/login', undefined, credentials);
    expect(login.status).toBe(200);
    const again = await call(second, 'GET', `/api/agents/${agent.body.id}`, login.body.accessToken);
    expect(again).toMatchObject({ status: 200, body: { id: agent.body.id, name: 'survivor' } });
    const hour = Date.parse(timestamp) - (Date.parse(timestamp) % 3_600_000);
    const raw = await call(
      second,
      'GET',
      `/api/analytics/timeseries?metric=queue_depth&aggregation=max&source=raw&interval=1h&agentId=${agent.body.id}&start=${new Date(hour).toISOString()}&end=${new Date(hour + 3_600_000).toISOString()}`,
      login.body.accessToken,
    );
    expect(raw.body.points).toEqual([{ ts: new Date(hour).toISOString(), value: 42 }]);

    // A graceful stop: Nest re-raises SIGTERM once its shutdown hooks (the cluster's stop) ran.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe('SIGTERM');
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 300_000);

  it('prints a readable cause when start-up fails', async () => {
    const closedPort = await freePort();
    const noDatabase = await start({ DATA_DIR: dataDir, DATABASE_URL: `postgresql://fleetwatch:fleetwatch@127.0.0.1:${closedPort}/fleetwatch` });
    expect(await noDatabase.exited).toBe(1);
    expect(noDatabase.output()).toMatch(new RegExp(`^Fleetwatch failed to start: .*ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}`, 'm'));

    const file = join(dataDir, 'not-a-directory');
    writeFileSync(file, '');
    const badDir = await start({ DATA_DIR: join(file, 'data') });
    expect(await badDir.exited).toBe(1);
    expect(badDir.output()).toMatch(/^Fleetwatch failed to start: .*ENOTDIR/m);
    for (const output of [noDatabase.output(), badDir.output()]) expect(output).not.toMatch(/failed to start: undefined/);
  }, 120_000);
});
