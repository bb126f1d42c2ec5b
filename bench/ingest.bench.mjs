// Ingest throughput: HTTP POST /api/ingest (batches of 1,000, several concurrent clients) against
// raw COPY of the same rows into the same tables, in one run on one database. Runs the compiled
// server from dist/ (npm run build first).
// Usage: npm run bench:ingest -- [--batches 300] [--concurrency 4] [--jwt] [--profile (server CPU profile into .data/bench-profiles)]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
// The columns the server writes for calls that report input and output only (the others keep their defaults).
const LLM_COLUMNS =
  'id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, price_source, price_version, cost_lines, trace_id, ts';
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
    llmCopies = [],
    llmFullCopies = [];
  for (let b = 0; b < BATCHES; b++) {
    const samples = [],
      sCopy = [],
      calls = [],
      lCopy = [],
      lFull = [];
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
      // The row as the server stores it since usage by token type: price source and version, and the cost split by type.
      const lines = JSON.stringify({ input: String((input * inP) / 1e6), output: String((output * outP) / 1e6) });
      lFull.push(
        `${newId()}\t${agentId}\t${model}\t${provider}\t${input}\t${output}\t${latency}\tsuccess\t\\N\t${cost}\tmodel\tcatalogue\t0.1.8\t${lines}\tt-${b}-${i >> 2}\t${ts}\n`,
      );
    }
    sampleBodies.push(JSON.stringify({ samples }));
    llmBodies.push(JSON.stringify({ llmCalls: calls }));
    sampleCopies.push(sCopy.join(''));
    llmCopies.push(lCopy.join(''));
    llmFullCopies.push(lFull.join(''));
  }
  return { sampleBodies, sampleCopies, llmBodies, llmCopies, llmFullCopies };
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

/** CPU seconds of the embedded PostgreSQL's processes (postmaster and its children), or NaN. */
function databaseCpuSeconds(dataDir) {
  if (!dataDir) return NaN;
  const stats = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      stats.push({ pid: Number(pid), ppid: Number(stat[1]), cpu: (Number(stat[11]) + Number(stat[12])) / 100 });
    } catch {
      // The process exited while we looked.
    }
  }
  const postmaster = stats.find((s) => {
    try {
      return readFileSync(`/proc/${s.pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
    } catch {
      return false;
    }
  });
  if (!postmaster) return NaN;
  return stats.filter((s) => s.pid === postmaster.pid || s.ppid === postmaster.pid).reduce((sum, s) => sum + s.cpu, 0);
}

/** Busy and total jiffies of the whole machine so far (/proc/stat), to tell a saturated machine from a waiting pipeline. */
function machineJiffies() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
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
    const { sampleBodies, sampleCopies, llmBodies, llmCopies, llmFullCopies } = buildBatches(agents, Date.now());
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

    /** Items per second, and server and database CPU seconds per batch, of one timed phase. */
    const measure = async (work) => {
      const server0 = cpuSeconds(server.pid);
      const db0 = databaseCpuSeconds(db.dataDir);
      const client0 = process.cpuUsage();
      const machine0 = machineJiffies();
      const rate = await timed(work);
      const client = process.cpuUsage(client0);
      const machine1 = machineJiffies();
      return {
        rate,
        serverMs: (1000 * (cpuSeconds(server.pid) - server0)) / BATCHES,
        dbMs: (1000 * (databaseCpuSeconds(db.dataDir) - db0)) / BATCHES,
        clientMs: (client.user + client.system) / 1000 / BATCHES,
        machineBusy: (machine1.busy - machine0.busy) / (machine1.total - machine0.total),
      };
    };

    // Fixed cost of a request (auth, routing, one round of SQL) with nothing in it.
    const empty = await measure(() => http(base, 'POST', '/api/ingest', '{}', key));
    const httpSamples = await measure(post(sampleBodies));
    await reset();
    const copySamples = await measure(copy('metric_samples', 'id, agent_id, type, value, metadata, ts', sampleCopies));
    await reset();
    const httpLlm = await measure(post(llmBodies));
    await reset();
    // The rows as the server stores them since usage by token type, cost_lines included: the ratio's baseline.
    const copyLlmFull = await measure(copy('llm_calls', LLM_COLUMNS, llmFullCopies));
    await reset();
    // The 13 columns llm_calls had before usage by token type: the baseline of the earlier runs.
    const copyLlm = await measure(
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
    const ms = (n) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(1)} ms`);
    log(
      [
        `machine: ${machine()}, node ${process.version}, ` + `PostgreSQL ${db.embedded ? 'embedded (fsync off)' : 'DATABASE_URL'}`,
        `run: ${BATCHES} batches × ${BATCH_SIZE} items per phase, ${CONCURRENCY} concurrent clients, credentials: ${flag('jwt') ? 'JWT' : 'ingest API key'}`,
        `validate 10,000 samples (compiled schema + checks): ${validateMs.toFixed(1)} ms`,
        `samples   HTTP ingest ${f(httpSamples.rate)}/s   raw COPY ${f(copySamples.rate)}/s   ratio ${pct(httpSamples.rate, copySamples.rate)}`,
        `LLM calls HTTP ingest ${f(httpLlm.rate)}/s   raw COPY ${f(copyLlm.rate)}/s (13 columns, as before usage by type)   ratio ${pct(httpLlm.rate, copyLlm.rate)}`,
        `LLM calls HTTP ingest ${f(httpLlm.rate)}/s   raw COPY ${f(copyLlmFull.rate)}/s (the rows as the server stores them)   ratio ${pct(httpLlm.rate, copyLlmFull.rate)}`,
        `server process CPU per batch of 1,000: samples ${ms(httpSamples.serverMs)}, LLM calls ${ms(httpLlm.serverMs)}; per empty request (auth, routing, no rows): ${ms(empty.serverMs)}`,
        `database CPU per batch of 1,000 (embedded server's processes): samples HTTP ${ms(httpSamples.dbMs)} / COPY ${ms(copySamples.dbMs)}; ` +
          `LLM calls HTTP ${ms(httpLlm.dbMs)} / COPY as stored ${ms(copyLlmFull.dbMs)} / COPY 13 columns ${ms(copyLlm.dbMs)}`,
        `this bench process (the clients) CPU per batch: samples HTTP ${ms(httpSamples.clientMs)} / COPY ${ms(copySamples.clientMs)}; LLM calls HTTP ${ms(httpLlm.clientMs)} / COPY as stored ${ms(copyLlmFull.clientMs)}`,
        `machine CPU busy during each phase (all cores): samples HTTP ${pct(httpSamples.machineBusy, 1)} / COPY ${pct(copySamples.machineBusy, 1)}; ` +
          `LLM calls HTTP ${pct(httpLlm.machineBusy, 1)} / COPY as stored ${pct(copyLlmFull.machineBusy, 1)} / COPY 13 columns ${pct(copyLlm.machineBusy, 1)}`,
        `1-minute load average after the run: ${loadavg()[0].toFixed(1)} (the machine may be shared; figures under load are lower bounds)`,
        `target ≥ 60 %: samples ${httpSamples.rate / copySamples.rate >= 0.6 ? 'met' : 'NOT met'}, LLM calls ${httpLlm.rate / copyLlmFull.rate >= 0.6 ? 'met' : 'NOT met'}`,
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
