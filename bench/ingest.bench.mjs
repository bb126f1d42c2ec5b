// Ingest throughput: HTTP POST /api/ingest (batches of 1,000, several concurrent clients) against
// raw COPY of the same rows into the same tables, in one run on one database. Runs the compiled
// server from dist/ (npm run build first).
// Usage: npm run bench:ingest -- [--batches 300] [--concurrency 4] [--jwt] [--profile (server CPU profile into .data/bench-profiles)]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { arg, benchDatabase, dist, flag, log, machine, percentile, require, root, run } from './support.mjs';

const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const { newId } = dist('libs/common/src/index.js');
const { validateIngestBody } = dist('libs/ingest/src/index.js');

const BATCHES = arg('batches', 300);
const CONCURRENCY = arg('concurrency', 4);
const BATCH_SIZE = 1000;
const AGENTS = 10;
const MODELS = [
  ['gpt-4o', 'openai', 2.5, 10],
  ['claude-sonnet-4', 'anthropic', 3, 15],
  ['gemini-2.5-flash', 'google', 0.3, 2.5],
];

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function startServer(url, port) {
  const profile = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(root, '.data', 'bench-profiles')}`] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'dist/apps/api/src/main.js'), '--migrate'], {
    // The server reads its configuration from the environment, like in production.
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      SIGNUP_ENABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ok, fail) => {
    child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('listening')) ok();
    });
  });
  return child;
}

async function http(base, method, path, body, auth) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function setupCaller(base) {
  const who = { email: 'bench@example.test', password: 'bench-password-1', username: 'bench' };
  await http(base, 'POST', '/api/auth/register', who);
  const { accessToken } = await http(base, 'POST', '/api/auth/login', { email: who.email, password: who.password });
  const agents = [];
  for (let i = 0; i < AGENTS; i++) agents.push((await http(base, 'POST', '/api/agents', { name: `bench-${i}` }, accessToken)).id);
  const { key } = await http(base, 'POST', '/api/auth/api-keys', { name: 'bench', scopes: ['ingest'] }, accessToken);
  // --jwt: send with the user's JWT instead of the ingest API key (isolates API-key lookup cost).
  return { agents, key: flag('jwt') ? accessToken : key };
}

/** The same logical rows for both paths, built before any timing starts. */
function buildBatches(agents, now) {
  const sampleBodies = [],
    sampleCopies = [],
    llmBodies = [],
    llmCopies = [];
  for (let b = 0; b < BATCHES; b++) {
    const samples = [],
      sCopy = [],
      calls = [],
      lCopy = [];
    for (let i = 0; i < BATCH_SIZE; i++) {
      const agentId = agents[(b + i) % agents.length];
      const ts = new Date(now - ((b * BATCH_SIZE + i) % 3_000_000)).toISOString();
      const value = (i * 7) % 100;
      samples.push({ agentId, type: 'cpu', value, timestamp: ts });
      sCopy.push(`${newId()}\t${agentId}\tcpu\t${value}\t\\N\t${ts}\n`);
      const [model, provider, inP, outP] = MODELS[i % MODELS.length];
      const input = 500 + (i % 700),
        output = 100 + (i % 300),
        latency = 200 + (i % 900);
      calls.push({
        agentId,
        model,
        inputTokens: input,
        outputTokens: output,
        latencyMs: latency,
        status: 'success',
        traceId: `t-${b}-${i >> 2}`,
        timestamp: ts,
      });
      const cost = ((input * inP + output * outP) / 1e6).toFixed(10);
      lCopy.push(`${newId()}\t${agentId}\t${model}\t${provider}\t${input}\t${output}\t${latency}\tsuccess\t\\N\t${cost}\tmodel\tt-${b}-${i >> 2}\t${ts}\n`);
    }
    sampleBodies.push(JSON.stringify({ samples }));
    llmBodies.push(JSON.stringify({ llmCalls: calls }));
    sampleCopies.push(sCopy.join(''));
    llmCopies.push(lCopy.join(''));
  }
  return { sampleBodies, sampleCopies, llmBodies, llmCopies };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Runs `work(i)` for every batch index with CONCURRENCY workers; returns rows per second. */
async function timed(work) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let i = next++; i < BATCHES; i = next++) await work(i, w);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return (BATCHES * BATCH_SIZE) / seconds;
}

async function main() {
  const db = await benchDatabase('ingest');
  const port = await freePort();
  const server = await startServer(db.url, port);
  const base = `http://127.0.0.1:${port}`;
  const clients = [];
  try {
    const { agents, key } = await setupCaller(base);
    const { sampleBodies, sampleCopies, llmBodies, llmCopies } = buildBatches(agents, Date.now());
    for (let i = 0; i < CONCURRENCY; i++) {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      clients.push(c);
    }
    const reset = () => clients[0].query('truncate metric_samples, llm_calls');

    // Validation alone, on one 10,000-item body (already parsed), median of 15 runs.
    const big = JSON.parse(
      `{"samples":[${sampleBodies
        .slice(0, 10)
        .map((s) => s.slice(12, -2))
        .join(',')}]}`,
    );
    const runs = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      validateIngestBody(big, { now: new Date(), maxItems: 10000, rawRetentionDays: 30, futureToleranceSeconds: 300 });
      runs.push(performance.now() - t);
    }
    const validateMs = percentile(runs, 0.5);

    // Warm-up: JIT, pool connections, cached partitions.
    for (let i = 0; i < 4; i++) await http(base, 'POST', '/api/ingest', sampleBodies[i], key);
    for (let i = 0; i < 4; i++) await http(base, 'POST', '/api/ingest', llmBodies[i], key);
    await reset();

    const post = (bodies) => (i) => http(base, 'POST', '/api/ingest', bodies[i], key);
    const copy = (table, columns, payloads) => (i, w) =>
      pipeline(Readable.from([payloads[i]]), clients[w].query(copyFrom(`copy ${table} (${columns}) from stdin`)));

    // Fixed cost of a request (auth, routing, one round of SQL) with nothing in it.
    const emptyCpu0 = cpuSeconds(server.pid);
    await timed(() => http(base, 'POST', '/api/ingest', '{}', key));
    const emptyCpu = cpuSeconds(server.pid) - emptyCpu0;

    const serverCpu0 = cpuSeconds(server.pid);
    const httpSamples = await timed(post(sampleBodies));
    const serverCpuSamples = cpuSeconds(server.pid) - serverCpu0;
    await reset();
    const copySamples = await timed(copy('metric_samples', 'id, agent_id, type, value, metadata, ts', sampleCopies));
    await reset();
    const serverCpu1 = cpuSeconds(server.pid);
    const httpLlm = await timed(post(llmBodies));
    const serverCpuLlm = cpuSeconds(server.pid) - serverCpu1;
    await reset();
    const copyLlm = await timed(
      copy(
        'llm_calls',
        'id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, trace_id, ts',
        llmCopies,
      ),
    );
    const { rows } = await clients[0].query('select count(*)::int as n from llm_calls');
    if (rows[0].n !== BATCHES * BATCH_SIZE) throw new Error(`expected ${BATCHES * BATCH_SIZE} copied LLM calls, found ${rows[0].n}`);

    const f = (n) => Math.round(n).toLocaleString('en-US');
    const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
    log(
      [
        `machine: ${machine()}, node ${process.version}, ` + `PostgreSQL ${db.embedded ? 'embedded (fsync off)' : 'DATABASE_URL'}`,
        `run: ${BATCHES} batches × ${BATCH_SIZE} items per phase, ${CONCURRENCY} concurrent clients, credentials: ${flag('jwt') ? 'JWT' : 'ingest API key'}`,
        `validate 10,000 samples (compiled schema + checks): ${validateMs.toFixed(1)} ms`,
        `samples   HTTP ingest ${f(httpSamples)}/s   raw COPY ${f(copySamples)}/s   ratio ${pct(httpSamples, copySamples)}`,
        `LLM calls HTTP ingest ${f(httpLlm)}/s   raw COPY ${f(copyLlm)}/s   ratio ${pct(httpLlm, copyLlm)}`,
        `server process CPU per batch of 1,000: samples ${((1000 * serverCpuSamples) / BATCHES).toFixed(1)} ms, LLM calls ${((1000 * serverCpuLlm) / BATCHES).toFixed(1)} ms; ` +
          `per empty request (auth, routing, no rows): ${((1000 * emptyCpu) / BATCHES).toFixed(1)} ms`,
        `1-minute load average after the run: ${loadavg()[0].toFixed(1)} (the machine may be shared; figures under load are lower bounds)`,
        `target ≥ 60 %: samples ${httpSamples / copySamples >= 0.6 ? 'met' : 'NOT met'}, LLM calls ${httpLlm / copyLlm >= 0.6 ? 'met' : 'NOT met'}`,
      ].join('\n'),
    );
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    server.kill('SIGTERM');
    await new Promise((ok) => server.once('exit', ok));
    await db.stop();
  }
}

run('ingest', main);
