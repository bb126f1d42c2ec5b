import { request as httpRequest, IncomingMessage, ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobScheduler, PARTITIONS_AHEAD_JOB, PartitionService } from '@fleetwatch/database';
import { createAgent, createUser, generateSamples, rowNumber, rowTime, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
/** A freeze guard, not a performance target. */
const BOUND_MS = 10_000;
/** Far more CSV than the socket buffers hold, so the cursor stays open while nobody reads. */
const EXPORT_ROWS = 150_000;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const partitionName = (ms: number) => `metric_samples_p${utcDay(ms).replace(/-/g, '')}`;

describe("one export left unread does not stall anyone else's telemetry", () => {
  let t: TestApp;
  let reader: TestUser;
  let writer: TestUser;
  let writerAgent: TestAgent;
  let now: number;
  let exportRequest: ClientRequest | undefined;

  beforeAll(async () => {
    // A long statement timeout: the download stays open for the whole test, the worst case.
    t = await startTestApp({ env: { DATABASE_STATEMENT_TIMEOUT_MS: '120000' } });
    await t.app.listen(0, '127.0.0.1');
    now = t.clock.now().getTime();
    reader = await createUser(t.client, t.sql);
    writer = await createUser(t.client, t.sql);
    writerAgent = await createAgent(t.client, writer);
    const readerAgent = await createAgent(t.client, reader);
    // What start-up does with JOBS_ENABLED: every partition ingest can need is made ahead.
    await t.get(JobScheduler).runNow(PARTITIONS_AHEAD_JOB);
    await generateSamples(t.sql, EXPORT_ROWS, {
      agentId: readerAgent.id,
      type: 'cpu',
      value: rowNumber(),
      metadata: { note: 'padding to make every row longer' },
      ts: rowTime(new Date(now - 2 * DAY), { every: '1 second' }),
    });
  });
  afterAll(async () => {
    exportRequest?.destroy();
    await t.close();
  });

  async function openUnreadExport(): Promise<IncomingMessage> {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const start = new Date(now - 3 * DAY).toISOString();
    return new Promise((resolve, reject) => {
      exportRequest = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: `/api/analytics/export?dataset=samples&format=csv&start=${start}`,
          headers: { Authorization: `Bearer ${reader.token}` },
        },
        (response) => {
          response.pause();
          resolve(response);
        },
      );
      exportRequest.on('error', reject);
      exportRequest.end();
    });
  }

  /** Another session's AccessShareLock on metric_samples: what a DDL on the table would queue behind. */
  async function exportHoldsTableLock(): Promise<boolean> {
    const { rows } = await t.sql.query(
      `select count(*)::int as n from pg_locks where relation = 'metric_samples'::regclass and mode = 'AccessShareLock' and granted and pid <> pg_backend_pid()`,
    );
    return rows[0].n > 0;
  }

  const ingestAt = (ms: number, value: number) =>
    t.client
      .post('/api/ingest', writer.auth)
      .send({ samples: [{ agentId: writerAgent.id, type: 'queue_depth', value, timestamp: new Date(ms).toISOString() }] })
      .timeout(BOUND_MS);

  const rawRead = (ms: number) =>
    t.client
      .get(
        `/api/analytics/timeseries?metric=queue_depth&aggregation=max&source=raw&interval=1h&agentId=${writerAgent.id}` +
          `&start=${new Date(ms - (ms % 3_600_000)).toISOString()}&end=${new Date(ms - (ms % 3_600_000) + 3_600_000).toISOString()}`,
        writer.auth,
      )
      .timeout(BOUND_MS);

  it('ingests a 20-day-old sample (partition made ahead) and reads raw samples while the export is unread', async () => {
    // A day whose partition went missing (say, restored from an old dump): the fallback path.
    const missingDay = now - 25 * DAY;
    await t.sql.query(`drop table ${partitionName(missingDay)}`);
    t.get(PartitionService).forget('metric_samples');

    const response = await openUnreadExport();
    expect(response.statusCode).toBe(200);
    expect(await exportHoldsTableLock()).toBe(true);

    const old = now - 20 * DAY;
    const accepted = await ingestAt(old, 7);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ accepted: { samples: 1, llmCalls: 0, toolCalls: 0, events: 0 } });
    const read = await rawRead(old);
    expect(read.status).toBe(200);
    expect(read.body.points).toEqual([{ ts: new Date(old - (old % 3_600_000)).toISOString(), value: 7 }]);

    // Creating the missing partition would wait behind the export: it gives up and says retry,
    // and the table's other users never queue behind it.
    const refused = await ingestAt(missingDay, 8);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    const readAfter = await rawRead(old);
    expect(readAfter.status).toBe(200);
    const recent = await ingestAt(now - 60_000, 9);
    expect(recent.status).toBe(202);
    expect(await exportHoldsTableLock()).toBe(true);

    // Once the download is gone the same late sample is stored.
    exportRequest!.destroy();
    const deadline = Date.now() + BOUND_MS;
    while ((await exportHoldsTableLock()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const retried = await ingestAt(missingDay, 8);
    expect(retried.status).toBe(202);
    const { rows } = await t.sql.query(`select value from metric_samples where agent_id = $1 order by ts`, [writerAgent.id]);
    expect(rows.map((r) => r.value)).toEqual([8, 7, 9]);
  }, 60_000);
});
