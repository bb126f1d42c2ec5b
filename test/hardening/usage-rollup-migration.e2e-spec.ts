import { MikroORM } from '@mikro-orm/postgresql';
import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, insertLlmCalls, TestAgent } from '@fleetwatch/testing';
import { Migration20261201060000RollupTokenTypes } from '../../libs/database/src/migrations/Migration20261201060000RollupTokenTypes';
import { startTestApp, TestApp } from '../support/test-app';
import { call } from './usage-support';

/**
 * An installation upgrading to the per-type rollup columns: hours rolled up before the upgrade must
 * get their token types and unpriced counts from the raw calls, without anyone re-sending data.
 */
describe('Migration20261201060000RollupTokenTypes on a database that already holds rollups', () => {
  let t: TestApp;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T12:00:00Z' });
    agent = await createAgent(t.client, await createUser(t.client, t.sql));
  });
  afterAll(async () => {
    await t.close();
  });

  const run = async (step: 'up' | 'down') => {
    const orm = t.get(MikroORM);
    const migration = new Migration20261201060000RollupTokenTypes(orm.em.getDriver(), orm.config);
    await migration[step]();
    // This migration adds SQL text only.
    for (const statement of migration.getQueries()) await t.sql.query(statement as string);
  };
  const rows = async () =>
    (
      await t.sql.query(
        `select to_char(hour at time zone 'UTC', 'HH24') as hour, model, count::int, cache_read_input_tokens::int as cache_read,
                reasoning_output_tokens::int as reasoning, unpriced_calls::int as unpriced
         from rollup_llm_hourly where agent_id = $1 order by hour, model`,
        [agent.id],
      )
    ).rows;

  it('marks the hours whose calls carry token types or a fallback price, and the next pass fills them in', async () => {
    await insertLlmCalls(t.sql, [
      call({
        agentId: agent.id,
        ts: '2026-11-20T08:10:00Z',
        model: 'claude-sonnet-4-5',
        inputTokens: 900,
        cacheReadInputTokens: 800,
        outputTokens: 30,
        reasoningOutputTokens: 7,
        costUsd: 0.001,
        rateSource: 'model',
      }),
      call({
        agentId: agent.id,
        ts: '2026-11-20T09:10:00Z',
        model: 'mystery-model',
        inputTokens: 10,
        outputTokens: 10,
        costUsd: 0.00004,
        rateSource: 'fallback',
      }),
      call({ agentId: agent.id, ts: '2026-11-20T10:10:00Z', model: 'gpt-4o', inputTokens: 10, outputTokens: 10, costUsd: 0.0001, rateSource: 'model' }),
    ]);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
    const filled = [
      { hour: '08', model: 'claude-sonnet-4-5', count: 1, cache_read: 800, reasoning: 7, unpriced: 0 },
      { hour: '09', model: 'mystery-model', count: 1, cache_read: 0, reasoning: 0, unpriced: 1 },
      { hour: '10', model: 'gpt-4o', count: 1, cache_read: 0, reasoning: 0, unpriced: 0 },
    ];
    expect(await rows()).toEqual(filled);

    // Back to the schema before the upgrade (rollups without the columns), then upgrade.
    await run('down');
    await run('up');
    expect(await rows()).toEqual(filled.map((r) => ({ ...r, cache_read: 0, reasoning: 0, unpriced: 0 })));
    const marked = await t.sql.query(
      `select to_char(hour at time zone 'UTC', 'HH24') as hour from rollup_dirty where kind = 'llm' and agent_id = $1 order by hour`,
      [agent.id],
    );
    // Hour 10 has nothing the new columns would hold: it is not recomputed.
    expect(marked.rows).toEqual([{ hour: '08' }, { hour: '09' }]);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
    expect(await rows()).toEqual(filled);
  });
});
