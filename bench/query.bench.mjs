// Historical query latency: loads samples over 30 days for a user with 200 agents (and a user with one
// agent at the same density), runs the rollup pass, then times GET /api/metrics/:userId/historical?range=30d
// through the whole HTTP stack (in-process, Fastify inject) and checks every point against the same
// answer computed from raw rows. Runs the compiled code from dist/ (npm run build first).
// Usage: npm run bench:query -- [--samples 5000000] [--agents 200] [--requests 200] [--explain (print the rollup query plan)]
import { loadavg } from 'node:os';
import { arg, benchDatabase, dist, flag, log, machine, percentile, require, run, serverVersion, startApp, writeSection } from './support.mjs';

const { Client } = require('pg');
const { EntityManager } = require('@mikro-orm/postgresql');
const { runMigrations } = dist('libs/database/src/index.js');
const { RollupService } = dist('libs/rollups/src/index.js');

const SAMPLES = arg('samples', 5_000_000);
const AGENTS = arg('agents', 200);
const REQUESTS = arg('requests', 200);
const DAYS = 30;
const TYPES = ['cpu', 'memory', 'messages', 'errors'];
const HOUR = 3_600_000;

const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);

async function timeRequests(fastify, url, token, count) {
  const times = [];
  let last;
  for (let i = 0; i < count + 10; i++) {
    const t0 = performance.now();
    last = await fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (i >= 10) times.push(performance.now() - t0);
    if (last.statusCode !== 200) throw new Error(`${url}: ${last.statusCode} ${last.body}`);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), body: JSON.parse(last.body) };
}

/** The historical answer recomputed from raw rows, in the same shape. */
async function fromRaw(sql, ownerId, from, to) {
  const t0 = performance.now();
  const { rows } = await sql.query(
    `select date_trunc('hour', s.ts, 'UTC') as hour, s.type, sum(s.value) as sum, count(*) as n
     from metric_samples s join agents a on a.id = s.agent_id
     where a.owner_id = $1 and s.type = any($2) and s.ts >= $3 and s.ts < $4 group by 1, 2 order by 1`,
    [ownerId, TYPES, from, to],
  );
  const ms = performance.now() - t0;
  const hours = new Map();
  for (const r of rows) {
    const key = new Date(r.hour).toISOString();
    if (!hours.has(key)) hours.set(key, { timestamp: key, cpu: 0, memory: 0, messages: 0, errors: 0 });
    const point = hours.get(key);
    const sum = Number(r.sum);
    point[r.type] = r.type === 'cpu' || r.type === 'memory' ? sum / Number(r.n) : sum;
  }
  return { points: [...hours.values()], ms };
}

function compare(api, raw) {
  if (api.length !== raw.length) return `point count ${api.length} vs ${raw.length}`;
  for (let i = 0; i < api.length; i++) {
    if (api[i].timestamp !== raw[i].timestamp) return `timestamp ${api[i].timestamp} vs ${raw[i].timestamp}`;
    for (const f of TYPES) {
      if (Math.abs(api[i][f] - raw[i][f]) > 0.0051) return `${api[i].timestamp} ${f}: ${api[i][f]} vs ${raw[i][f]}`;
    }
  }
  return null;
}

async function register(fastify, username) {
  const password = `bench-password-${username}`;
  const email = `${username}@bench.test`;
  const created = await fastify.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password, username } });
  if (created.statusCode !== 201) throw new Error(`register: ${created.body}`);
  const login = await fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  return { id: JSON.parse(created.body).id, token: JSON.parse(login.body).accessToken };
}

async function loadSamples(sql, ownerId, perAgent, start) {
  const { rows } = await sql.query('select id from agents where owner_id = $1 order by id', [ownerId]);
  const chunk = 10;
  for (let i = 0; i < rows.length; i += chunk) {
    await sql.query(
      `insert into metric_samples (id, agent_id, type, value, metadata, ts)
       select gen_random_uuid(), a.id, ($4::text[])[1 + g % 4],
              case g % 4 when 0 then random() * 100 when 1 then 20 + random() * 60 when 2 then floor(random() * 50) else floor(random() * 3) end,
              null, $3::timestamptz + (g::float8 / $2) * interval '${DAYS} days'
       from unnest($1::uuid[]) as a(id) cross join generate_series(0, $2 - 1) as g`,
      [rows.slice(i, i + chunk).map((r) => r.id), perAgent, start, TYPES],
    );
  }
}

async function main() {
  const db = await benchDatabase('query');
  const sql = new Client({ connectionString: db.url });
  let app;
  try {
    await runMigrations(db.url);
    app = await startApp(db, 'query');
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    await sql.connect();

    const fleet = await register(fastify, 'bench-fleet');
    const single = await register(fastify, 'bench-single');
    const now = Date.now();
    const start = new Date(now - DAYS * 24 * HOUR);
    await sql.query(
      `insert into agents (id, owner_id, name, status, created_at, updated_at, status_changed_at)
       select gen_random_uuid(), $1, 'agent-' || g, 'running', $3, $3, $3 from generate_series(1, $2) g`,
      [fleet.id, AGENTS, start],
    );
    await sql.query(
      `insert into agents (id, owner_id, name, status, created_at, updated_at, status_changed_at) values (gen_random_uuid(), $1, 'solo', 'running', $2, $2, $2)`,
      [single.id, start],
    );
    await sql.query(`select fw_ensure_daily_partitions('metric_samples', $1::date - 1, $2::date + 1)`, [start, new Date(now)]);

    const perAgent = Math.floor(SAMPLES / AGENTS);
    let t0 = performance.now();
    await loadSamples(sql, fleet.id, perAgent, start);
    await loadSamples(sql, single.id, perAgent, start);
    const loaded = perAgent * (AGENTS + 1);
    log(`loaded ${loaded.toLocaleString('en-US')} samples (${AGENTS} + 1 agents, ${DAYS} days) in ${seconds(t0)} s`);

    t0 = performance.now();
    const pass = await app
      .get(EntityManager)
      .fork()
      .transactional((tx) => app.get(RollupService).refresh(tx));
    const rollupSeconds = seconds(t0);
    log(`rollup pass: ${pass.samplesHours.toLocaleString('en-US')} agent-hours, ${pass.ownerHours} owner-hours in ${rollupSeconds} s`);
    await sql.query('analyze');
    // A steady-state tick: every agent reports once in the current hour, one agent sends late data for an old hour.
    await sql.query(
      `insert into metric_samples (id, agent_id, type, value, metadata, ts)
       select gen_random_uuid(), id, 'cpu', 50, null::jsonb, now() from agents
       union all select gen_random_uuid(), (select id from agents order by id limit 1), 'cpu', 70, null::jsonb, now() - interval '20 days'`,
    );
    t0 = performance.now();
    const tick = await app
      .get(EntityManager)
      .fork()
      .transactional((tx) => app.get(RollupService).refresh(tx));
    const tickMs = (performance.now() - t0).toFixed(0);
    log(`steady-state rollup tick (${tick.samplesHours} agent-hours, ${tick.ownerHours} owner-hours): ${tickMs} ms`);
    const { rows: sizes } = await sql.query(
      `select (select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'metric_samples'::regclass) as bytes`,
    );
    const bytesPerRow = Math.round(Number(sizes[0].bytes) / loaded);

    // The route's window: the current hour and the 719 before it, taken when the answer was given.
    const routeWindow = () => {
      const to = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR);
      return { from: new Date(to.getTime() - 720 * HOUR), to };
    };
    const results = [];
    for (const [label, user] of [
      [`1 user, ${AGENTS} agents`, fleet],
      ['1 user, 1 agent', single],
    ]) {
      const timed = await timeRequests(fastify, `/api/metrics/${user.id}/historical?range=30d`, user.token, REQUESTS);
      const { from, to } = routeWindow();
      const raw = await fromRaw(sql, user.id, from, to);
      const mismatch = compare(timed.body.metrics, raw.points);
      results.push({ label, ...timed, rawMs: raw.ms, points: timed.body.metrics.length, mismatch });
      log(
        `${label}: p50 ${timed.p50.toFixed(2)} ms, p95 ${timed.p95.toFixed(2)} ms over ${REQUESTS} requests; ${timed.body.metrics.length} points; ` +
          `raw-row query ${raw.ms.toFixed(0)} ms; ${mismatch ? 'MISMATCH ' + mismatch : 'identical to the raw-row answer'}`,
      );
    }
    const baseline = await timeRequests(fastify, '/api/auth/me', fleet.token, REQUESTS);
    log(`baseline GET /api/auth/me: p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms`);
    const { from, to } = routeWindow();
    const sqlTimes = [];
    for (let i = 0; i < REQUESTS; i++) {
      const q0 = performance.now();
      await sql.query(
        `select extract(epoch from hour)::float8 * 1000 as t,
                sum(sum) filter (where type = 'cpu') / nullif(sum(count) filter (where type = 'cpu'), 0)::float8 as cpu,
                sum(sum) filter (where type = 'memory') / nullif(sum(count) filter (where type = 'memory'), 0)::float8 as memory,
                coalesce(sum(sum) filter (where type = 'messages'), 0) as messages, coalesce(sum(sum) filter (where type = 'errors'), 0) as errors
         from rollup_owner_samples_hourly where owner_id = $1 and hour >= $3 and hour < $4 and type = any($2) group by hour order by hour`,
        [fleet.id, TYPES, from, to],
      );
      sqlTimes.push(performance.now() - q0);
    }
    const sqlP50 = percentile(sqlTimes, 0.5);
    if (flag('explain')) {
      const plan = await sql.query(
        `explain (analyze, buffers) select hour, type, sum, count from rollup_owner_samples_hourly
         where owner_id = $1 and type = any($2) and hour >= $3 and hour < $4`,
        [fleet.id, TYPES, from, to],
      );
      log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    log(`rollup SQL alone (${AGENTS} agents): p50 ${sqlP50.toFixed(2)} ms`);
    const server = await serverVersion(sql, db);
    const load = loadavg()[0].toFixed(1);
    const targets = [20, 5];
    const lines = results.map(
      (r, i) =>
        `| ${r.label} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${targets[i]} | ${r.p95 <= targets[i] ? 'met' : 'not met'} | ${r.rawMs.toFixed(0)} | ${r.mismatch ? 'no: ' + r.mismatch : 'yes'} |`,
    );
    writeSection(
      'Query',
      `## Query\n\n` +
        `\`npm run bench:query -- --samples ${SAMPLES} --agents ${AGENTS} --requests ${REQUESTS}\`, run ${new Date(now).toISOString()} on ${machine()}, ${server}.\n\n` +
        `${loaded.toLocaleString('en-US')} samples (4 types) over ${DAYS} days; one rollup pass over all of them took ${rollupSeconds} s ` +
        `(${pass.samplesHours.toLocaleString('en-US')} agent-hours); a steady-state pass afterwards (one new sample per agent in ` +
        `the current hour plus one late sample 20 days back: ${tick.samplesHours} agent-hours) took ${tickMs} ms. Latency of \`GET /api/metrics/:userId/historical?range=30d\` through ` +
        `the whole HTTP stack (JWT auth, validation, serialisation; in-process inject, ${REQUESTS} requests after 10 warm-up), read ` +
        `from the per-user hourly rollups, against the same answer computed from raw rows:\n\n` +
        `| user | p50 ms | p95 ms | target p95 ms | target | raw-row query ms | same answer as raw |\n|---|---|---|---|---|---|---|\n` +
        lines.join('\n') +
        `\n\nFor scale: \`GET /api/auth/me\` (authentication and serialisation only) took p50 ${baseline.p50.toFixed(2)} ms / p95 ` +
        `${baseline.p95.toFixed(2)} ms in the same run, and the rollup SQL of the ${AGENTS}-agent answer alone p50 ${sqlP50.toFixed(2)} ms. ` +
        `1-minute load average at the end of the run: ${load} (the machine is shared; figures taken under load are upper bounds).` +
        `\n\nStored size of a sample row, heap plus indexes: ${bytesPerRow} bytes (the storage estimate of \`GET /api/metrics\` uses 160).\n`,
    );
    log(`written to docs/benchmarks.md (section Query)`);
    if (results.some((r) => r.mismatch)) process.exitCode = 1;
  } finally {
    await app?.close().catch(() => undefined);
    await sql.end().catch(() => undefined);
    await db.stop();
  }
}

run('query', main);
